package io.github.ollamaproxy.chain;

/**
 * The route templates of Java agents ({@code routes/agents/java-agent-templates.camel.yaml}) and
 * the parameters the registry reads from every agent route made from a template.
 */
public final class AgentTemplates {

    /** The request step of a Java agent. */
    public static final String JAVA_AGENT = "java-agent";

    /** The response step of a Java agent. */
    public static final String JAVA_AGENT_RESPONSE = "java-agent-response";

    /** The completion step of a Java agent. */
    public static final String JAVA_AGENT_COMPLETION = "java-agent-completion";

    /** Parameter: the agent's name. */
    public static final String AGENT = "agent";

    /** Parameter: where the agent's request step runs among the chosen agents, lower first. */
    public static final String POSITION = "position";

    /** Parameter: the models the agent runs for (comma-separated, {@code *} as wildcard). */
    public static final String MODELS = "models";

    /** Parameter: the endpoints the agent runs for ({@code chat}, {@code generate}). */
    public static final String ENDPOINTS = "endpoints";

    /** Parameter: the longest time the request step may take, in milliseconds; 0 for none. */
    public static final String TIMEOUT = "timeout";

    /** Parameter: the named Resilience4j configuration of the agent's circuit breaker. */
    public static final String BREAKER = "breaker";

    private AgentTemplates() {
    }
}
