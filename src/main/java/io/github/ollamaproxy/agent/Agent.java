package io.github.ollamaproxy.agent;

/**
 * A request/response processor that the proxy runs when a request asks for it: by a slash command
 * ({@code /name}) at the start of the last user message or the generate prompt, by the
 * {@code X-Ollama-Proxy-Agents} header, or by configuration.
 *
 * <p>An agent runs when a request asks for it, when configuration names it, or when it says so
 * itself ({@link #isAutomatic}). Agents come from Spring beans, from jars in the plugins folder (listed in
 * {@code META-INF/services/io.github.ollamaproxy.agent.Agent}), and from YAML routes named
 * {@code direct:agent-<name>}. An agent is a plain object: it never sees Camel or HTTP. A step that
 * throws is logged, counted and skipped; its changes to the request are rolled back.
 *
 * <p>Steps:
 * <ul>
 *   <li>{@link #onRequest}: before the upstream call, after the slash commands were stripped. May
 *       change any field of the request or answer it directly ({@link LlmRequest#answer(String)}).</li>
 *   <li>{@link #onResponse}: for non-streamed answers only, before they reach the client.</li>
 *   <li>{@link #onCompletion}: after every answer, streamed or not, with the whole text and the final
 *       metrics; it cannot change what the client received.</li>
 * </ul>
 * Request steps run by ascending {@link #order()}, ties in the order the agents were asked for;
 * response and completion steps run in the reverse order.
 */
public interface Agent {

    /** The slash-command name: letters, digits and underscores, matched case-insensitively. */
    String name();

    /** One line telling users what the agent does; shown by {@code GET /plugins}. */
    default String description() {
        return "";
    }

    /** Position among the agents of one request; lower runs its request step earlier. */
    default int order() {
        return 0;
    }

    /**
     * Whether this agent runs on the request without being asked for (by a command, the header or
     * the {@code ollama-proxy.agents} configuration), e.g. because its own settings say so.
     */
    default boolean isAutomatic(LlmRequest request) {
        return false;
    }

    /** Changes the request before it goes upstream, or answers it. */
    default void onRequest(LlmRequest request) throws Exception {
    }

    /** Changes a non-streamed answer before it reaches the client. */
    default void onResponse(LlmRequest request, LlmResponse response) throws Exception {
    }

    /** Observes a finished answer, streamed or not. */
    default void onCompletion(LlmRequest request, Completion completion) throws Exception {
    }
}
