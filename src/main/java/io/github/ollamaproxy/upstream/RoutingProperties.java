package io.github.ollamaproxy.upstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requests are spread over several Ollama servers and how failing servers are handled
 * ({@code ollama-proxy.routing.*}).
 *
 * @param loadedModelsTtl how long a server's list of loaded models ({@code /api/ps}) is trusted before
 *                        it is read again in the background
 * @param maxAttempts     how many servers one request may try before its failure reaches the client
 * @param circuitBreaker  when a failing server is taken out and how it is probed back in
 */
@ConfigurationProperties("ollama-proxy.routing")
public record RoutingProperties(
        @DefaultValue("5s") Duration loadedModelsTtl,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * A server's circuit breaker (resilience4j), counting connection errors, timeouts and 502, 503 and 504 answers.
     *
     * @param failureRateThreshold percentage of failed calls among the last {@code windowSize} that opens it
     * @param windowSize           how many recent calls are counted
     * @param minimumCalls         how many calls must have been counted before it may open
     * @param openFor              how long an open circuit keeps the server out before a probe
     *                             ({@code GET /api/version}, by the {@code upstream-probe} route) may bring it back
     */
    public record CircuitBreaker(
            @DefaultValue("50") int failureRateThreshold,
            @DefaultValue("10") int windowSize,
            @DefaultValue("4") int minimumCalls,
            @DefaultValue("15s") Duration openFor) {
    }
}
