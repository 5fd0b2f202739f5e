package io.github.ollamaproxy.websearch;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web search {@code /rag} falls back to: a SearxNG-compatible JSON API.
 *
 * @param url           the full search URL, e.g. {@code http://localhost:8080/search}; empty turns web
 *                      search off
 * @param results       results used per search
 * @param safesearch    SearxNG's safe-search level: 0 off, 1 moderate, 2 strict
 * @param timeoutMillis how long a search may take, connecting included, before it counts as failed
 * @param breaker       when to stop calling a failing search for a while
 * @param fetchHosts    hosts whose result pages are fetched and refined instead of using the snippet;
 *                      empty (the default) never fetches a result URL
 * @param cacheTtl      how long the results of a query are reused
 */
@ConfigurationProperties("ollama-proxy.rag.web-search")
public record WebSearchProperties(
        @DefaultValue("") String url,
        @DefaultValue("5") int results,
        @DefaultValue("1") int safesearch,
        @DefaultValue("5000") int timeoutMillis,
        @DefaultValue Breaker breaker,
        @DefaultValue List<String> fetchHosts,
        @DefaultValue("1h") Duration cacheTtl) {

    public WebSearchProperties {
        url = url == null ? "" : url.strip();
        if (results < 1 || safesearch < 0 || safesearch > 2 || timeoutMillis < 1) {
            throw new IllegalArgumentException("ollama-proxy.rag.web-search: results at least 1, safesearch 0 to 2"
                    + " and timeout-millis positive");
        }
        fetchHosts = fetchHosts.stream().map(String::strip).filter(host -> !host.isEmpty()).toList();
    }

    /** Whether a search URL is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    /**
     * The circuit breaker around the search.
     *
     * @param failures      consecutive failed searches that open the circuit
     * @param openFor       how long an open circuit rejects searches before letting trial calls through
     * @param trialCalls    trial calls (half-open) that must succeed to close it again
     */
    public record Breaker(
            @DefaultValue("5") int failures,
            @DefaultValue("60s") Duration openFor,
            @DefaultValue("3") int trialCalls) {

        public Breaker {
            if (failures < 1 || trialCalls < 1 || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("ollama-proxy.rag.web-search.breaker: failures and trial-calls at"
                        + " least 1, open-for positive");
            }
        }
    }
}
