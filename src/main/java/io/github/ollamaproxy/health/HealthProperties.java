package io.github.ollamaproxy.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code GET /health} check.
 *
 * @param timeout how long the upstream may take to answer the check; {@code /health} answers within
 *                this time plus a few milliseconds even when the upstream hangs
 */
@ConfigurationProperties("ollama-proxy.health")
public record HealthProperties(@DefaultValue("1500ms") Duration timeout) {
}
