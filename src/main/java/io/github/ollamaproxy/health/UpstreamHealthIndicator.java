package io.github.ollamaproxy.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code upstream} component of {@code /actuator/health} and of the readiness group: up when
 * Ollama answered the same check as {@code GET /health}.
 */
@Component
public class UpstreamHealthIndicator implements HealthIndicator {

    private final HealthProbe probe;

    public UpstreamHealthIndicator(HealthProbe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        HealthReport report = probe.check();
        HealthReport.Details details = report.details();
        Health.Builder health = report.isHealthy() ? Health.up() : Health.down();
        health.withDetail("url", details.upstreamUrl()).withDetail("latency_ms", details.latencyMs());
        if (report.isHealthy()) {
            health.withDetail("version", details.upstreamVersion()).withDetail("models", details.modelCount());
        } else {
            health.withDetail("error", details.error());
        }
        return health.build();
    }
}
