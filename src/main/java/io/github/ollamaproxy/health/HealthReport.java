package io.github.ollamaproxy.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code GET /health} answers: the proxy is up; whether the upstream answered, with details.
 *
 * @param status   {@code healthy} or {@code unhealthy}
 * @param proxy    always {@code Ok}: the proxy answered
 * @param upstream {@code Ok} or {@code error}
 * @param details  where the upstream is and what it said
 */
public record HealthReport(String status, String proxy, String upstream, Details details) {

    /**
     * @param upstreamUrl     the configured upstream
     * @param upstreamVersion the version it reported, when it answered
     * @param latencyMs       how long the check took
     * @param modelCount      how many models it has, when it answered
     * @param error           why it is unhealthy, when it is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Details(String upstreamUrl, String upstreamVersion, long latencyMs, Integer modelCount,
            String error) {
    }

    static HealthReport healthy(Details details) {
        return new HealthReport("healthy", "Ok", "Ok", details);
    }

    static HealthReport unhealthy(Details details) {
        return new HealthReport("unhealthy", "Ok", "error", details);
    }

    @JsonIgnore
    public boolean isHealthy() {
        return details.error() == null;
    }

    /** 200 when healthy, 503 otherwise. */
    @JsonIgnore
    public int httpStatus() {
        return isHealthy() ? 200 : 503;
    }
}
