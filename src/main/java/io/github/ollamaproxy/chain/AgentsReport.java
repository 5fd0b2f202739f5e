package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.ollamaproxy.agent.Endpoint;
import org.springframework.stereotype.Component;

/**
 * {@code GET /plugins}: every agent with where it comes from, its step routes, its position, the
 * models and endpoints it runs for, its guards, its status ({@code loaded}, or {@code failed} with
 * the reason) and its run and failure counters.
 */
@Component("pluginsReport")
public class AgentsReport {

    private final AgentRegistry registry;
    private final AgentMetrics metrics;

    public AgentsReport(AgentRegistry registry, AgentMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * One agent as listed.
     *
     * @param name        its slash command
     * @param description what it does
     * @param source      {@code bean}, {@code jar} or {@code yaml}
     * @param origin      the bean class, jar or route it comes from
     * @param position    where its request step runs among the chosen agents, lower first
     * @param routes      its step routes: {@code request}, {@code response}, {@code completion}
     * @param models      the models it runs for
     * @param endpoints   the endpoints it runs for
     * @param timeoutMs   the time limit of its request step, when it has one
     * @param breaker     the circuit-breaker configuration of its request step, when it has one
     * @param status      {@code loaded} or {@code failed}
     * @param reason      why it failed
     * @param runs        request steps run
     * @param failures    steps that failed and were skipped
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String name, String description, String source, String origin, int position,
            Routes routes, List<String> models, List<String> endpoints, Long timeoutMs, String breaker, String status,
            String reason, long runs, long failures) {
    }

    /** The route ids of an agent's steps. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Routes(String request, String response, String completion) {
    }

    public List<Entry> report() {
        return registry.all().stream().map(this::entry).toList();
    }

    private Entry entry(RegisteredAgent agent) {
        if (!agent.isLoaded()) {
            return new Entry(agent.name(), agent.description(), agent.source().label(), agent.origin(),
                    agent.position(), null, null, null, null, null, "failed", agent.failure(), 0, 0);
        }
        RegisteredAgent.Routes routes = agent.routes();
        List<String> endpoints = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            if (agent.conditions().endpoints().contains(endpoint)) {
                endpoints.add(endpoint.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Entry(agent.name(), agent.description(), agent.source().label(), agent.origin(), agent.position(),
                new Routes(routes.request(), routes.response(), routes.completion()), agent.conditions().models(),
                endpoints, routes.timeoutMillis() > 0 ? routes.timeoutMillis() : null, routes.breaker(), "loaded",
                null, metrics.runs(agent.name()), metrics.failures(agent.name()));
    }
}
