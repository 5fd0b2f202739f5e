package io.github.ollamaproxy.pipeline;

/**
 * Names of the exchange properties that routes and processors share. YAML routes may refer to
 * them as {@code ${exchangeProperty.NAME}}; a test checks every such reference is declared here.
 */
public final class ExchangeKeys {

    /** The {@link io.github.ollamaproxy.agent.LlmRequest} of a chat or generate request. */
    public static final String REQUEST = "OllamaProxyRequest";

    /** The model a request names, for requests without an {@code LlmRequest} (e.g. embed). */
    public static final String MODEL = "OllamaProxyModel";

    /**
     * The request body bytes as the client sent them ({@code byte[]}), kept while nothing changed
     * them so that they can be forwarded byte for byte.
     */
    public static final String ORIGINAL_BODY = "OllamaProxyOriginalBody";

    /** The agents chosen for the request, in request-step order ({@code List<RegisteredAgent>}). */
    public static final String AGENT_PLAN = "OllamaProxyAgentPlan";

    /** The {@link io.github.ollamaproxy.openai.OpenAiCall} of a request to the OpenAI endpoints. */
    public static final String OPENAI_CALL = "OllamaProxyOpenAiCall";

    private ExchangeKeys() {
    }
}
