package io.github.ollamaproxy.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code upstream} component of {@code /actuator/health} and of the readiness group: up when at
 * least one Ollama server answered the same check as {@code GET /health}, with every server's
 * details under {@code servers}.
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
        HealthReport.Details first = report.details();
        Health.Builder health = report.isHealthy() ? Health.up() : Health.down();
        health.withDetail("url", first.upstreamUrl()).withDetail("latency_ms", first.latencyMs());
        if (first.isHealthy()) {
            health.withDetail("version", first.upstreamVersion()).withDetail("models", first.modelCount());
        } else {
            health.withDetail("error", first.error());
        }
        Map<String, Map<String, Object>> servers = new LinkedHashMap<>();
        for (HealthReport.Details server : report.servers()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("url", server.upstreamUrl());
            details.put("status", server.isHealthy() ? "UP" : "DOWN");
            details.put("circuit", server.circuit());
            details.put("in_flight", server.inFlight());
            details.put("latency_ms", server.latencyMs());
            if (server.isHealthy()) {
                details.put("models", server.modelCount());
            } else {
                details.put("error", server.error());
            }
            servers.put(server.name(), details);
        }
        return health.withDetail("servers", servers).build();
    }
}
