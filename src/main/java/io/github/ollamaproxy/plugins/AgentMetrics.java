package io.github.ollamaproxy.plugins;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts agent activity in Micrometer: {@value #RUNS} (request steps run, by agent) and
 * {@value #FAILURES} (failed steps, by agent and step). {@code GET /plugins} reads them back.
 */
@Component
public class AgentMetrics {

    /** Request steps run, tagged {@code agent}. */
    public static final String RUNS = "ollama.proxy.agent.runs";

    /** Failed steps, tagged {@code agent} and {@code step}. */
    public static final String FAILURES = "ollama.proxy.agent.failures";

    /** The steps of an agent. */
    public enum Step {
        REQUEST, RESPONSE, COMPLETION;

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

    public void recordFailure(String agent, Step step) {
        Counter.builder(FAILURES).description("Agent steps that failed and were skipped")
                .tag("agent", agent).tag("step", step.tag()).register(registry).increment();
    }

    public long runs(String agent) {
        return (long) registry.find(RUNS).tag("agent", agent).counters().stream().mapToDouble(Counter::count).sum();
    }

    public long failures(String agent) {
        return (long) registry.find(FAILURES).tag("agent", agent).counters().stream().mapToDouble(Counter::count)
                .sum();
    }
}
