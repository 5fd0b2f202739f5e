package io.github.ollamaproxy.plugins;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

/**
 * {@code GET /plugins}: every agent with name, description, source, origin, order, status
 * ({@code loaded}, or {@code failed} with the reason) and its run and failure counters.
 */
@Component("pluginsReport")
public class PluginsReport {

    private final AgentRegistry registry;
    private final AgentMetrics metrics;

    public PluginsReport(AgentRegistry registry, AgentMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** One agent as listed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String description, String source, String origin, int order, String status,
            String reason, long runs, long failures) {
    }

    public List<Entry> report() {
        return registry.all().stream().map(this::entry).toList();
    }

    private Entry entry(RegisteredAgent agent) {
        boolean loaded = agent.isLoaded();
        return new Entry(agent.name(), agent.description(), agent.source().label(), agent.origin(), agent.order(),
                loaded ? "loaded" : "failed", loaded ? null : agent.failure(), loaded ? metrics.runs(agent.name()) : 0,
                loaded ? metrics.failures(agent.name()) : 0);
    }
}
