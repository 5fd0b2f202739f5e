package io.github.ollamaproxy.chain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.LifecycleStrategySupport;
import org.springframework.stereotype.Component;

/**
 * The agent routes of the Camel context, by agent name and by route id: every route consuming from
 * {@code direct:agent-<name>}, {@code direct:agent-<name>-response} or
 * {@code direct:agent-<name>-completion}. Kept up to date as Camel adds and removes routes (at start
 * and on a reload), so a lookup never scans the routes.
 */
@Component
public class AgentRouteIndex extends LifecycleStrategySupport {

    private final Map<String, AgentRoute> byRouteId = new ConcurrentHashMap<>();
    private final Map<String, Map<AgentStep, AgentRoute>> byName = new ConcurrentHashMap<>();

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            AgentStep.of(route.getEndpoint().getEndpointUri()).ifPresent(step -> add(new AgentRoute(step.name(),
                    step.step(), route.getRouteId(), route.getDescription() == null ? "" : route.getDescription(),
                    origin(route), parameters(route))));
        }
    }

    @Override
    public void onRoutesRemove(Collection<Route> routes) {
        for (Route route : routes) {
            AgentRoute removed = byRouteId.remove(route.getRouteId());
            if (removed != null) {
                byName.computeIfPresent(removed.name(), (name, steps) -> {
                    steps.remove(removed.step(), removed);
                    return steps.isEmpty() ? null : steps;
                });
            }
        }
    }

    /** The route of this step of the agent. */
    public Optional<AgentRoute> route(String name, AgentStep step) {
        Map<AgentStep, AgentRoute> steps = byName.get(name.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(steps == null ? null : steps.get(step));
    }

    /** The agent step a route is. */
    public Optional<AgentRoute> byRouteId(String routeId) {
        return Optional.ofNullable(routeId == null ? null : byRouteId.get(routeId));
    }

    /** The names of the agents that have a request route. */
    public Set<String> names() {
        return byName.entrySet().stream().filter(entry -> entry.getValue().containsKey(AgentStep.REQUEST))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    private void add(AgentRoute route) {
        byRouteId.put(route.routeId(), route);
        byName.compute(route.name(), (name, steps) -> {
            Map<AgentStep, AgentRoute> updated = steps == null ? new EnumMap<>(AgentStep.class) : new EnumMap<>(steps);
            updated.put(route.step(), route);
            return updated;
        });
    }

    private static Map<String, String> parameters(Route route) {
        Map<String, String> parameters = new HashMap<>();
        NamedNode node = route.getRoute();
        if (node instanceof RouteDefinition definition && definition.getTemplateParameters() != null) {
            definition.getTemplateParameters().forEach((key, value) -> {
                if (value != null) {
                    parameters.put(key, value.toString());
                }
            });
        }
        return parameters;
    }

    private static String origin(Route route) {
        String location = route.getSourceLocationShort();
        return location == null ? route.getRouteId() : route.getRouteId() + " (" + location + ")";
    }
}
