package io.github.ollamaproxy.chain;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts agent activity in Micrometer: {@value #RUNS} (request steps run, by agent) and
 * {@value #FAILURES} (steps that failed and were skipped, by agent, step and reason). Each agent
 * step is also a route, so its timings are the Camel route timers of its route id.
 * {@code GET /plugins} reads the counters back.
 */
@Component
public class AgentMetrics {

    /** Request steps run, tagged {@code agent}. */
    public static final String RUNS = "ollama.proxy.agent.runs";

    /** Failed steps, tagged {@code agent}, {@code step} and {@code reason}. */
    public static final String FAILURES = "ollama.proxy.agent.failures";

    /** Why a step was skipped. */
    public enum Reason {
        /** It threw. */
        ERROR,
        /** It took longer than its time limit. */
        TIMEOUT,
        /** Its circuit breaker was open, so it was not called. */
        CIRCUIT_OPEN;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordRun(String agent) {
        Counter.builder(RUNS).description("Agent request steps run").tag("agent", agent).register(registry)
                .increment();
    }

    public void recordFailure(String agent, AgentStep step, Reason reason) {
        Counter.builder(FAILURES).description("Agent steps that failed and were skipped")
                .tag("agent", agent).tag("step", step.label()).tag("reason", reason.tag()).register(registry)
                .increment();
    }

    public long runs(String agent) {
        return (long) registry.find(RUNS).tag("agent", agent).counters().stream().mapToDouble(Counter::count).sum();
    }

    public long failures(String agent) {
        return (long) registry.find(FAILURES).tag("agent", agent).counters().stream().mapToDouble(Counter::count)
                .sum();
    }
}
