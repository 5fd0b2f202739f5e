package io.github.ollamaproxy.health;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code GET /health} answers: the proxy is up; whether the Ollama servers answered.
 *
 * @param status   {@code healthy} when at least one server answered, {@code unhealthy} otherwise
 * @param proxy    always {@code Ok}: the proxy answered
 * @param upstream {@code Ok} when every server answered, {@code degraded} when some did, {@code error}
 * @param details  the first server's details (the only one's, with one server)
 * @param servers  every server's details, in configuration order
 */
public record HealthReport(String status, String proxy, String upstream, Details details, List<Details> servers) {

    /**
     * @param name            the server's name ({@code ollama-proxy.upstreams})
     * @param upstreamUrl     its base URL
     * @param upstreamVersion the version it reported, when it answered
     * @param latencyMs       how long the check took
     * @param modelCount      how many models it has, when it answered
     * @param circuit         its circuit breaker: {@code closed}, {@code open} or {@code half_open}
     * @param inFlight        requests it is serving through the proxy
     * @param error           why it is unhealthy, when it is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Details(String name, String upstreamUrl, String upstreamVersion, long latencyMs, Integer modelCount,
            String circuit, int inFlight, String error) {

        @JsonIgnore
        public boolean isHealthy() {
            return error == null;
        }
    }

    static HealthReport of(List<Details> servers) {
        long healthy = servers.stream().filter(Details::isHealthy).count();
        String upstream = healthy == servers.size() ? "Ok" : healthy > 0 ? "degraded" : "error";
        return new HealthReport(healthy > 0 ? "healthy" : "unhealthy", "Ok", upstream, servers.get(0),
                List.copyOf(servers));
    }

    @JsonIgnore
    public boolean isHealthy() {
        return servers.stream().anyMatch(Details::isHealthy);
    }

    /** 200 when healthy, 503 otherwise. */
    @JsonIgnore
    public int httpStatus() {
        return isHealthy() ? 200 : 503;
    }
}
