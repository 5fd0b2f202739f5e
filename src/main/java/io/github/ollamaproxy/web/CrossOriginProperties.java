package io.github.ollamaproxy.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin requests from browsers (CORS); off while {@code allowed-origins} is empty.
 *
 * @param allowedOrigins  origins allowed, e.g. {@code https://chat.example.com}; patterns such as
 *                        {@code https://*.example.com} work; empty turns CORS off (preflights get 403)
 * @param allowedMethods  methods a cross-origin request may use
 * @param allowedHeaders  request headers it may send
 * @param exposedHeaders  response headers its script may read
 * @param maxAge          how long a browser may cache a preflight's answer
 */
@ConfigurationProperties("ollama-proxy.cors")
public record CrossOriginProperties(
        @DefaultValue("") List<String> allowedOrigins,
        @DefaultValue({"GET", "HEAD", "POST", "DELETE", "OPTIONS"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "X-API-Key", "X-Ollama-Proxy-Agents"}) List<String> allowedHeaders,
        @DefaultValue({"Retry-After", "X-Ollama-Proxy-Agents", "X-Ollama-Proxy-Agent-Failures"}) List<String> exposedHeaders,
        @DefaultValue("1h") Duration maxAge) {

    /** Whether cross-origin requests are enabled. */
    public boolean enabled() {
        return allowedOrigins.stream().anyMatch(origin -> !origin.isBlank());
    }
}
