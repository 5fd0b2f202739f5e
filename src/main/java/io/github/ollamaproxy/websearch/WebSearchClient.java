package io.github.ollamaproxy.websearch;

import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Searches the web through the {@code web-search} route (camel-http behind the circuit-breaker
 * EIP); successful answers are cached for {@code cache-ttl} (cache metrics
 * {@code cache="ollama-proxy-web-search"}). Never throws: a failed search is an
 * outcome.
 */
@Component
public class WebSearchClient {

    static final String ROUTE = "direct:web-search";

    private final WebSearchProperties properties;
    private final ProducerTemplate template;
    private final CircuitBreaker breaker;
    private final Cache<String, WebSearchOutcome> cache;

    public WebSearchClient(WebSearchProperties properties, ProducerTemplate template,
            @Qualifier(WebSearchConfiguration.BREAKER) CircuitBreaker breaker, MeterRegistry meters) {
        this.properties = properties;
        this.template = template;
        this.breaker = breaker;
        this.cache = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(properties.cacheTtl()).recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "ollama-proxy-web-search");
    }

    /** Whether a search URL is configured. */
    public boolean enabled() {
        return properties.enabled();
    }

    /** The circuit breaker's state: {@code closed}, {@code open}, {@code half_open}, … */
    public String circuitState() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }

    /** The breaker, for metrics. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Searches for {@code query}; {@link WebSearchOutcome.Status#DISABLED} when no URL is set. */
    public WebSearchOutcome search(String query) {
        if (!properties.enabled()) {
            return WebSearchOutcome.failed(WebSearchOutcome.Status.DISABLED, query, "no web search URL is configured");
        }
        WebSearchOutcome cached = cache.getIfPresent(query);
        if (cached != null) {
            return cached;
        }
        WebSearchOutcome outcome;
        try {
            WebSearchOutcome answer = template.requestBody(ROUTE, query, WebSearchOutcome.class);
            outcome = answer == null ? null : answer.withQuery(query);
        } catch (RuntimeException e) {
            outcome = WebSearchOutcome.failed(WebSearchOutcome.Status.FAILED, query, e.getMessage());
        }
        if (outcome == null) {
            outcome = WebSearchOutcome.failed(WebSearchOutcome.Status.FAILED, query, "the search gave no outcome");
        }
        if (outcome.status() == WebSearchOutcome.Status.OK && !outcome.results().isEmpty()) {
            cache.put(query, outcome);
        }
        return outcome;
    }

}
