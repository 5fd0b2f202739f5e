package io.github.ollamaproxy.chain;

import java.util.Map;

/**
 * A route that is a step of an agent, as the registry indexes it.
 *
 * @param name        the agent's lower-case name
 * @param step        which step it is
 * @param routeId     its route id
 * @param description its route description, or empty
 * @param origin      its route id and source location, e.g. {@code agent-concise (concise.camel.yaml:3)}
 * @param parameters  the template parameters it was made with, empty when written as a plain route
 */
public record AgentRoute(String name, AgentStep step, String routeId, String description, String origin,
        Map<String, String> parameters) {

    public AgentRoute {
        parameters = Map.copyOf(parameters);
    }

    /** A template parameter, or {@code fallback} when absent or blank. */
    public String parameter(String key, String fallback) {
        String value = parameters.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
