package io.github.ollamaproxy.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat or generate request on its way through the agent pipeline, in Ollama's native shape.
 *
 * <p>{@link #body()} is the client's whole JSON object (unknown fields and key order kept); what an
 * agent changes in it is what Ollama receives. The convenience methods read and write the usual
 * fields of that same object. Slash commands are already stripped when agents see the request.
 */
public final class LlmRequest {

    /** Prefix every agent response header must carry, so that clients can tell them apart. */
    public static final String RESPONSE_HEADER_PREFIX = "X-Ollama-Proxy-";

    private final Endpoint endpoint;
    private final ObjectNode body;
    private final Map<String, String> responseHeaders = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile ObjectNode answer;

    public LlmRequest(Endpoint endpoint, ObjectNode body) {
        this.endpoint = Objects.requireNonNull(endpoint);
        this.body = Objects.requireNonNull(body);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The whole native request object, mutable. */
    public ObjectNode body() {
        return body;
    }

    public String model() {
        return body.path("model").asText("");
    }

    public void setModel(String model) {
        body.put("model", model);
    }

    /** Whether the answer is streamed; Ollama streams unless {@code "stream": false}. */
    public boolean stream() {
        JsonNode stream = body.get("stream");
        return stream == null || !stream.isBoolean() || stream.booleanValue();
    }

    /** The {@code options} object, created when absent. */
    public ObjectNode options() {
        JsonNode options = body.get("options");
        return options instanceof ObjectNode object ? object : body.putObject("options");
    }

    /**
     * The user's text: for chat the content of the last message if it is a user message, for
     * generate the prompt.
     */
    public Optional<String> userText() {
        JsonNode node = userTextNode().orElse(null);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** Replaces the user's text (see {@link #userText()}); does nothing when there is none. */
    public void setUserText(String text) {
        if (endpoint == Endpoint.GENERATE) {
            body.put("prompt", text);
        } else {
            lastUserMessage().ifPresent(message -> message.put("content", text));
        }
    }

    /**
     * Adds instructions: for chat a system message after the leading system messages, for generate
     * the {@code system} field (appended to an existing one after a blank line).
     */
    public void addSystemMessage(String text) {
        if (endpoint == Endpoint.GENERATE) {
            String existing = body.path("system").asText("");
            body.put("system", existing.isEmpty() ? text : existing + "\n\n" + text);
            return;
        }
        ArrayNode messages = messages();
        int index = 0;
        while (index < messages.size() && "system".equals(role(messages.get(index)))) {
            index++;
        }
        messages.insertObject(index).put("role", "system").put("content", text);
    }

    /** How many chat messages the request has (0 for generate), e.g. for a rule in YAML. */
    public int messageCount() {
        JsonNode messages = body.get("messages");
        return messages instanceof ArrayNode array ? array.size() : 0;
    }

    /** The chat messages; an empty array is created when absent. */
    public ArrayNode messages() {
        JsonNode messages = body.get("messages");
        return messages instanceof ArrayNode array ? array : body.putArray("messages");
    }

    /**
     * The conversation as plain text, one {@code role: content} line per chat message (or the
     * generate {@code system} and {@code prompt}), for fingerprinting and retrieval.
     */
    public String conversationText() {
        StringBuilder text = new StringBuilder();
        if (endpoint == Endpoint.GENERATE) {
            String system = body.path("system").asText("");
            if (!system.isEmpty()) {
                text.append("system: ").append(system).append('\n');
            }
            return text.append("user: ").append(body.path("prompt").asText("")).toString();
        }
        for (JsonNode message : body.path("messages")) {
            text.append(role(message)).append(": ").append(message.path("content").asText("")).append('\n');
        }
        return text.toString();
    }

    /**
     * The conversation part by part: the tool definitions first when there are any, then the
     * system prompt and prompt of a generate request, or the chat messages in order.
     */
    public List<ConversationTurn> conversationTurns() {
        List<ConversationTurn> turns = new ArrayList<>();
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            turns.add(new ConversationTurn("tools", tools.toString()));
        }
        if (endpoint == Endpoint.GENERATE) {
            String system = body.path("system").asText("");
            if (!system.isEmpty()) {
                turns.add(new ConversationTurn("system", system));
            }
            turns.add(new ConversationTurn("user", body.path("prompt").asText("")));
            return turns;
        }
        for (JsonNode message : body.path("messages")) {
            turns.add(new ConversationTurn(role(message), message.path("content").asText("")));
        }
        return turns;
    }

    /** Answers the request with this text; the upstream is not called. */
    public void answer(String text) {
        ObjectNode reply = body.objectNode().put("model", model()).put("created_at", Instant.now().toString());
        if (endpoint == Endpoint.CHAT) {
            reply.putObject("message").put("role", "assistant").put("content", text);
        } else {
            reply.put("response", text);
        }
        reply.put("done", true).put("done_reason", "stop");
        this.answer = reply;
    }

    /** Answers the request with a native answer object; the upstream is not called. */
    public void answer(ObjectNode nativeAnswer) {
        this.answer = Objects.requireNonNull(nativeAnswer);
    }

    /** Whether an agent answered the request directly. */
    public boolean isAnswered() {
        return answer != null;
    }

    /** The direct answer an agent gave, if any. */
    public Optional<ObjectNode> answer() {
        return Optional.ofNullable(answer);
    }

    /**
     * Adds a response header, e.g. to report what an agent did.
     *
     * @throws IllegalArgumentException if the name does not start with {@value #RESPONSE_HEADER_PREFIX}
     */
    public void putResponseHeader(String name, String value) {
        if (!name.regionMatches(true, 0, RESPONSE_HEADER_PREFIX, 0, RESPONSE_HEADER_PREFIX.length())) {
            throw new IllegalArgumentException("agent response headers must start with " + RESPONSE_HEADER_PREFIX);
        }
        responseHeaders.put(name, value.replaceAll("[\\r\\n]+", " "));
    }

    /** The response headers added so far. */
    public Map<String, String> responseHeaders() {
        synchronized (responseHeaders) {
            return Map.copyOf(responseHeaders);
        }
    }

    /** Per-request state that agents share between their steps. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Sets an attribute (see {@link #attributes()}), e.g. from a YAML route:
     * {@code ${body.setAttribute('rag.scope', 'guides/')}}.
     */
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    /**
     * A deep copy of this request as it is now: body, response headers, attributes (the map, not
     * its values) and direct answer. The pipeline runs an agent with a time limit on such a copy,
     * and rolls a failed agent back to one.
     */
    public LlmRequest snapshot() {
        LlmRequest copy = new LlmRequest(endpoint, body.deepCopy());
        copy.responseHeaders.putAll(responseHeaders());
        copy.attributes.putAll(attributes);
        copy.answer = answer == null ? null : answer.deepCopy();
        return copy;
    }

    /** Makes this request what {@code snapshot} holds (see {@link #snapshot()}). */
    public void restore(LlmRequest snapshot) {
        body.removeAll();
        body.setAll(snapshot.body.deepCopy());
        synchronized (responseHeaders) {
            responseHeaders.clear();
            responseHeaders.putAll(snapshot.responseHeaders());
        }
        attributes.clear();
        attributes.putAll(snapshot.attributes);
        answer = snapshot.answer == null ? null : snapshot.answer.deepCopy();
    }

    private Optional<JsonNode> userTextNode() {
        if (endpoint == Endpoint.GENERATE) {
            return Optional.ofNullable(body.get("prompt"));
        }
        return lastUserMessage().map(message -> message.get("content"));
    }

    private Optional<ObjectNode> lastUserMessage() {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.empty();
        }
        JsonNode last = messages.get(messages.size() - 1);
        return last instanceof ObjectNode message && "user".equals(role(message))
                ? Optional.of(message)
                : Optional.empty();
    }

    private static String role(JsonNode message) {
        return message.path("role").asText("").toLowerCase(Locale.ROOT);
    }
}
