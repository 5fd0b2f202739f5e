package io.github.ollamaproxy.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The OpenAI Batch API ({@code /v1/files}, {@code /v1/batches}).
 *
 * @param maxFileSize the largest batch input file {@code POST /v1/files} accepts
 * @param concurrency how many requests of a batch run at once towards Ollama
 */
@ConfigurationProperties("ollama-proxy.batch")
public record BatchProperties(@DefaultValue("200MB") DataSize maxFileSize, @DefaultValue("4") int concurrency) {
}
