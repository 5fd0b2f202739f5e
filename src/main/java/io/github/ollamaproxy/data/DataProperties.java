package io.github.ollamaproxy.data;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the proxy keeps its state (learned prompt templates, the knowledge-base index).
 *
 * @param dir the data folder, created at start when missing; environment {@code OLLAMA_PROXY_DATA_DIR}
 */
@ConfigurationProperties("ollama-proxy.data")
public record DataProperties(@DefaultValue("data") Path dir) {
}
