package io.github.ollamaproxy.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A non-streamed native answer, as an agent's response step sees it. Changes to {@link #body()}
 * reach the client.
 */
public final class LlmResponse {

    private final Endpoint endpoint;
    private final ObjectNode body;

    public LlmResponse(Endpoint endpoint, ObjectNode body) {
        this.endpoint = endpoint;
        this.body = body;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The whole answer object, mutable. */
    public ObjectNode body() {
        return body;
    }

    /** The answer text: chat {@code message.content} or generate {@code response}. */
    public String text() {
        return endpoint == Endpoint.CHAT
                ? body.path("message").path("content").asText("")
                : body.path("response").asText("");
    }

    public void setText(String text) {
        if (endpoint == Endpoint.CHAT) {
            ObjectNode message = body.has("message") && body.get("message").isObject()
                    ? (ObjectNode) body.get("message")
                    : body.putObject("message").put("role", "assistant");
            message.put("content", text);
        } else {
            body.put("response", text);
        }
    }

    public void appendText(String suffix) {
        setText(text() + suffix);
    }
}
