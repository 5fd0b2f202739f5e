package io.github.ollamaproxy.simulator;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in Ollama simulator of the {@code demo} profile.
 *
 * @param port             port on 127.0.0.1 the simulator listens on
 * @param tokenDelay       pause before each streamed token
 * @param models           models installed at start
 * @param pullableModels   models that are not installed but can be pulled
 * @param embeddingModels  embedding-only models installed at start
 */
@ConfigurationProperties("ollama-proxy.simulator")
public record SimulatorProperties(
        @DefaultValue("11435") int port,
        @DefaultValue("60ms") Duration tokenDelay,
        @DefaultValue({"llama3.2", "qwen2.5-coder:1.5b"}) List<String> models,
        @DefaultValue({"gemma3:1b", "phi4-mini"}) List<String> pullableModels,
        @DefaultValue("nomic-embed-text") List<String> embeddingModels) {
}
