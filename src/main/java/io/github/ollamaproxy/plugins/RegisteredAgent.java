package io.github.ollamaproxy.plugins;

import io.github.ollamaproxy.agent.Agent;

/**
 * An agent as the registry knows it: loaded and usable, or failed with the reason.
 *
 * @param name        lower-case slash-command name
 * @param description what it does
 * @param order       request-step position, lower first
 * @param source      where it comes from
 * @param origin      the bean class, jar file or route id it comes from
 * @param agent       the agent, {@code null} when it failed to load
 * @param failure     why it failed to load, {@code null} when loaded
 */
public record RegisteredAgent(String name, String description, int order, AgentSource source, String origin,
        Agent agent, String failure) {

    static RegisteredAgent loaded(Agent agent, String name, AgentSource source, String origin) {
        return new RegisteredAgent(name, agent.description(), agent.order(), source, origin, agent, null);
    }

    static RegisteredAgent failed(String name, AgentSource source, String origin, String reason) {
        return new RegisteredAgent(name, "", 0, source, origin, null, reason);
    }

    public boolean isLoaded() {
        return agent != null;
    }
}
