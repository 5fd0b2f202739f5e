package io.github.ollamaproxy.plugins;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /plugins}: every agent with name, description, source, origin, order, status
 * ({@code loaded}, or {@code failed} with the reason) and its run and failure counters.
 */
@Component("pluginsReport")
public class PluginsReport {

    private final AgentRegistry registry;
    private final AgentMetrics metrics;
    private final JsonCodec json;

    public PluginsReport(AgentRegistry registry, AgentMetrics metrics, JsonCodec json) {
        this.registry = registry;
        this.metrics = metrics;
        this.json = json;
    }

    public void report(Exchange exchange) {
        ArrayNode agents = json.newObject().arrayNode();
        for (RegisteredAgent agent : registry.all()) {
            ObjectNode entry = agents.addObject()
                    .put("name", agent.name())
                    .put("description", agent.description())
                    .put("source", agent.source().label())
                    .put("origin", agent.origin())
                    .put("order", agent.order())
                    .put("status", agent.isLoaded() ? "loaded" : "failed");
            if (!agent.isLoaded()) {
                entry.put("reason", agent.failure());
            }
            entry.put("runs", agent.isLoaded() ? metrics.runs(agent.name()) : 0)
                    .put("failures", agent.isLoaded() ? metrics.failures(agent.name()) : 0);
        }
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(agents), Map.of());
    }
}
