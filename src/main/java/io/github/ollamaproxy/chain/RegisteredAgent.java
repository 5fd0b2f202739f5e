package io.github.ollamaproxy.chain;

import io.github.ollamaproxy.agent.Agent;

/**
 * An agent as the registry knows it: where it comes from, the routes of its steps, and where and
 * when it runs; or why it could not be loaded.
 *
 * @param name        lower-case slash-command name
 * @param description what it does
 * @param source      where it comes from
 * @param origin      the bean class or jar file of a Java agent, or the route of a YAML one
 * @param position    where its request step runs among the chosen agents, lower first
 * @param conditions  the models and endpoints it runs for
 * @param routes      its step routes and their guards
 * @param agent       the Java agent, {@code null} for an agent made only of routes or one that failed
 * @param failure     why it cannot run, {@code null} when it can
 */
public record RegisteredAgent(String name, String description, AgentSource source, String origin, int position,
        AgentConditions conditions, Routes routes, Agent agent, String failure) {

    /**
     * The routes of an agent's steps (route ids, {@code null} for a step it does not have) and the
     * guards of its request step.
     *
     * @param request       the request step's route
     * @param response      the response step's route
     * @param completion    the completion step's route
     * @param timeoutMillis the request step's time limit, 0 for none
     * @param breaker       the named circuit-breaker configuration of the request step, or {@code null}
     */
    public record Routes(String request, String response, String completion, long timeoutMillis, String breaker) {

        static final Routes NONE = new Routes(null, null, null, 0, null);
    }

    /** Whether it can run: loaded, with a request route. */
    public boolean isLoaded() {
        return failure == null;
    }

    /** Whether it has a response step. */
    public boolean hasResponse() {
        return routes.response() != null;
    }

    /** Whether it has a completion step. */
    public boolean hasCompletion() {
        return routes.completion() != null;
    }

    static RegisteredAgent failed(String name, AgentSource source, String origin, String reason) {
        return new RegisteredAgent(name, "", source, origin, 0, AgentConditions.ALWAYS, Routes.NONE, null, reason);
    }
}
