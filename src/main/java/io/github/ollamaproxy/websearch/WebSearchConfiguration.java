package io.github.ollamaproxy.websearch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The circuit breaker of the web search, built from {@link WebSearchProperties.Breaker}: it opens
 * after that many failed searches in a row, rejects searches while open, then lets trial calls
 * through. The {@code web-search} route's circuit-breaker EIP uses it by name.
 */
@Configuration(proxyBeanMethods = false)
public class WebSearchConfiguration {

    /** The registry name the route refers to. */
    public static final String BREAKER = "webSearchBreaker";

    @Bean(BREAKER)
    public CircuitBreaker webSearchBreaker(WebSearchProperties properties) {
        WebSearchProperties.Breaker breaker = properties.breaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.failures())
                .minimumNumberOfCalls(breaker.failures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
                .build();
        return CircuitBreaker.of("web-search", config);
    }
}
