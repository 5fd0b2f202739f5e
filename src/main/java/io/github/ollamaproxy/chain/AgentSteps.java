package io.github.ollamaproxy.chain;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.ProxyHeaders;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every agent route shares, whatever the agent is written in, so that a failing agent never
 * fails the request. {@link AgentRoutePolicyFactory} gives every agent route a route policy that
 * calls:
 * <ul>
 *   <li>{@link #begin} when an agent step's route starts: its body becomes the request (or the
 *       answer, or the completion), what it may change is remembered, and a request step is counted
 *       and listed in {@code X-Ollama-Proxy-Agents};</li>
 *   <li>{@link #failed} when it ended with an exception: what the step changed is rolled back, the
 *       failure is logged, counted and reported in {@code X-Ollama-Proxy-Agent-Failures}, and the
 *       exception is cleared so that the request goes on.</li>
 * </ul>
 * The fallback of a guarded agent's circuit breaker calls {@link #skipped} (the step threw, took
 * too long, or its circuit is open), with the same effect.
 */
@Component("agentSteps")
public class AgentSteps {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSteps.class);

    private final AgentRouteIndex routes;
    private final AgentMetrics metrics;

    public AgentSteps(AgentRouteIndex routes, AgentMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    /** An agent step's route starts. */
    void begin(String routeId, Exchange exchange) {
        AgentRoute route = routes.byRouteId(routeId).orElse(null);
        if (route == null) {
            return;
        }
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        switch (route.step()) {
            case REQUEST -> {
                exchange.getMessage().setBody(request);
                exchange.removeVariable(ExchangeVariables.ORIGINAL_BODY);
                metrics.recordRun(route.name());
                appendHeader(request, ProxyHeaders.AGENTS, route.name());
                snapshots(exchange).put(routeId, request.snapshot());
            }
            case RESPONSE -> {
                LlmResponse response = exchange.getVariable(ExchangeVariables.RESPONSE, LlmResponse.class);
                exchange.getMessage().setBody(response);
                snapshots(exchange).put(routeId, response.body().deepCopy());
            }
            case COMPLETION -> exchange.getMessage().setBody(exchange.getVariable(ExchangeVariables.COMPLETION));
        }
    }

    /** An agent step's route ended with this exception. */
    void failed(String routeId, Exchange exchange, Throwable failure) {
        skip(exchange, routeId, AgentMetrics.Reason.ERROR, describe(failure), failure);
    }

    /** A circuit breaker's fallback: the step threw, took too long, or was not called. */
    public void skipped(Exchange exchange, String routeId) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null || failure instanceof CallNotPermittedException) {
            skip(exchange, routeId, AgentMetrics.Reason.CIRCUIT_OPEN, "circuit breaker open", null);
        } else if (failure instanceof AgentTimeoutException) {
            skip(exchange, routeId, AgentMetrics.Reason.TIMEOUT, failure.getMessage(), null);
        } else {
            skip(exchange, routeId, AgentMetrics.Reason.ERROR, describe(failure), failure);
        }
    }

    private void skip(Exchange exchange, String routeId, AgentMetrics.Reason reason, String description,
            Throwable failure) {
        AgentRoute route = routes.byRouteId(routeId).orElse(null);
        if (route == null) {
            LOG.warn("Route {} failed and is not an agent step: {}", routeId, description);
            return;
        }
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        Object snapshot = snapshots(exchange).remove(routeId);
        if (snapshot instanceof LlmRequest before) {
            request.restore(before);
        } else if (snapshot instanceof ObjectNode before) {
            ObjectNode answer = exchange.getVariable(ExchangeVariables.RESPONSE, LlmResponse.class).body();
            answer.removeAll();
            answer.setAll(before);
        }
        if (failure == null) {
            LOG.warn("Agent {} skipped in its {} step: {}", route.name(), route.step().label(), description);
        } else {
            LOG.warn("Agent {} failed in its {} step and was skipped: {}", route.name(), route.step().label(),
                    description, failure);
        }
        metrics.recordFailure(route.name(), route.step(), reason);
        if (route.step() != AgentStep.COMPLETION && request != null) {
            appendHeader(request, ProxyHeaders.AGENT_FAILURES, route.name() + " (" + description + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> snapshots(Exchange exchange) {
        Map<String, Object> snapshots = exchange.getVariable(ExchangeVariables.AGENT_SNAPSHOTS, Map.class);
        if (snapshots == null) {
            snapshots = new HashMap<>();
            exchange.setVariable(ExchangeVariables.AGENT_SNAPSHOTS, snapshots);
        }
        return snapshots;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "failed";
        }
        return failure.getCause() instanceof Error error ? error.toString() : failure.toString();
    }

    private static void appendHeader(LlmRequest request, String name, String value) {
        String previous = request.responseHeaders().get(name);
        request.putResponseHeader(name, previous == null ? value : previous + ", " + value);
    }
}
