package io.github.ollamaproxy.plugins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;

/**
 * Finds the agents written as YAML routes: every route consuming from {@code direct:agent-<name>}
 * (plus an optional {@code direct:agent-<name>-response}). Looked up live, so routes added or
 * removed by a reload are seen at once.
 */
final class RouteAgents {

    private static final Pattern AGENT_ENDPOINT =
            Pattern.compile("direct:(?://)?agent-([\\p{L}\\p{N}_]+)(-response)?");

    private final CamelContext camel;
    private final ProducerTemplate template;

    RouteAgents(CamelContext camel, ProducerTemplate template) {
        this.camel = camel;
        this.template = template;
    }

    Optional<RegisteredAgent> find(String name) {
        return all().stream().filter(agent -> agent.name().equals(name)).findFirst();
    }

    List<RegisteredAgent> all() {
        List<Route> routes = camel.getRoutes();
        Set<String> responseSteps = new HashSet<>();
        List<Route> requestSteps = new ArrayList<>();
        for (Route route : routes) {
            Matcher matcher = AGENT_ENDPOINT.matcher(route.getEndpoint().getEndpointUri());
            if (matcher.matches()) {
                if (matcher.group(2) != null) {
                    responseSteps.add(matcher.group(1).toLowerCase(Locale.ROOT));
                } else {
                    requestSteps.add(route);
                }
            }
        }
        List<RegisteredAgent> agents = new ArrayList<>();
        for (Route route : requestSteps) {
            Matcher matcher = AGENT_ENDPOINT.matcher(route.getEndpoint().getEndpointUri());
            matcher.matches();
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String description = route.getDescription() == null ? "" : route.getDescription();
            String responseUri = responseSteps.contains(name) ? "direct:agent-" + matcher.group(1) + "-response" : null;
            RouteAgent agent = new RouteAgent(name, description, template, "direct:agent-" + matcher.group(1),
                    responseUri);
            agents.add(RegisteredAgent.loaded(agent, name, AgentSource.YAML, origin(route)));
        }
        agents.sort(Comparator.comparing(RegisteredAgent::name));
        return agents;
    }

    private static String origin(Route route) {
        String location = route.getSourceLocationShort();
        return location == null ? route.getRouteId() : route.getRouteId() + " (" + location + ")";
    }
}
