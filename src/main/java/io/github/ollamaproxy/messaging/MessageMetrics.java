package io.github.ollamaproxy.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Counts what the message-driven entry points do, per entry point (its route id): meter
 * {@code ollama.proxy.messages} with {@code outcome} = {@code consumed}, {@code answered},
 * {@code redelivered} or {@code dead_lettered}.
 */
@Component("messageMetrics")
public class MessageMetrics {

    /** The meter's name. */
    public static final String METER = "ollama.proxy.messages";

    private final MeterRegistry registry;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A message arrived at its entry point. */
    public void consumed(Exchange exchange) {
        count(exchange.getFromRouteId(), "consumed");
    }

    /** Its answer was written. */
    public void answered(Exchange exchange) {
        count(exchange.getFromRouteId(), "answered");
    }

    /** It is about to be tried again. */
    public void redelivered(Exchange exchange) {
        count(exchange.getFromRouteId(), "redelivered");
    }

    void deadLettered(String route) {
        count(route, "dead_lettered");
    }

    private void count(String route, String outcome) {
        Counter.builder(METER).tag("entry", route == null ? "unknown" : route).tag("outcome", outcome)
                .register(registry).increment();
    }
}
