package io.github.ollamaproxy.messaging;

/**
 * Header names of requests and answers that travel as messages (JMS properties, Kafka headers). They
 * are Java identifiers, as JMS requires of property names.
 */
public final class MessageHeaders {

    /** Request: the format of the body ({@link MessageFormat#id()}), overriding the entry point's. */
    public static final String FORMAT = "OllamaProxyFormat";

    /** Request: comma-separated agent names to run in addition to slash commands. */
    public static final String AGENTS = "OllamaProxyAgents";

    /** Dead letter and error answer: the error's message. */
    public static final String ERROR = "OllamaProxyError";

    /** Dead letter and error answer: the HTTP status the same request would have had, as text ({@code "400"}). */
    public static final String ERROR_STATUS = "OllamaProxyErrorStatus";

    /** Dead letter: the route that gave up on the message. */
    public static final String FAILED_ROUTE = "OllamaProxyFailedRoute";

    /** Kafka: the correlation header copied from a request to its answer. */
    public static final String CORRELATION_ID = "OllamaProxyCorrelationId";

    private MessageHeaders() {
    }

    /** The message header for one of the proxy's HTTP headers: {@code X-Ollama-Proxy-Agent-Failures} → {@code OllamaProxyAgentFailures}. */
    public static String forHttpHeader(String name) {
        String bare = name.regionMatches(true, 0, "X-", 0, 2) ? name.substring(2) : name;
        return bare.replace("-", "");
    }
}
