package io.github.ollamaproxy.web;

import java.util.Locale;

/**
 * HTTP header names the proxy reads from clients or adds to its responses. All start with
 * {@value #PREFIX}; none of them is ever forwarded to Ollama.
 */
public final class ProxyHeaders {

    /** Common prefix of every proxy header. */
    public static final String PREFIX = "X-Ollama-Proxy-";

    /** {@link #PREFIX} in lower case, for case-insensitive matching. */
    public static final String PREFIX_LOWER_CASE = PREFIX.toLowerCase(Locale.ROOT);

    /**
     * Request: comma-separated agent names to run in addition to slash commands.
     * Response: the agents that ran, in order.
     */
    public static final String AGENTS = PREFIX + "Agents";

    /** Response: agents that failed and were skipped, each as {@code name (reason)}, comma-separated. */
    public static final String AGENT_FAILURES = PREFIX + "Agent-Failures";

    /**
     * Request: the name of the Ollama server (see {@code ollama-proxy.upstreams}) the request must go to.
     * Response: the server that answered.
     */
    public static final String UPSTREAM = PREFIX + "Upstream";

    private ProxyHeaders() {
    }
}
