package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A native chat stream as {@code chat.completion.chunk} events, in OpenAI's order: a first chunk
 * with the role, reasoning and content deltas, tool-call deltas (each call whole, with index and
 * id), a finish chunk with {@code finish_reason}, a usage chunk ({@code choices: []}) when asked
 * for, then {@code [DONE]}. An error line becomes an {@code {"error": …}} event that SDKs raise.
 */
final class ChatChunkTranslator implements NativeStreamTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenAiCall call;
    private final StreamErrors errors;
    private long created;
    private boolean started;
    private int nextToolIndex;

    ChatChunkTranslator(OpenAiCall call, StreamErrors errors) {
        this.call = call;
        this.errors = errors;
    }

    @Override
    public boolean onLine(ObjectNode line, SseEvents events) {
        if (line.hasNonNull("error")) {
            events.data(errors.event(line.get("error").asText()));
            return false;
        }
        if (!started) {
            started = true;
            created = NativeAnswers.created(line);
            events.data(chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null, null));
        }
        JsonNode message = line.path("message");
        String thinking = message.path("thinking").asText("");
        if (!thinking.isEmpty()) {
            events.data(chunk(NODES.objectNode().put("reasoning", thinking), null, null));
        }
        String content = message.path("content").asText("");
        if (!content.isEmpty()) {
            events.data(chunk(NODES.objectNode().put("content", content), null, NativeAnswers.chatLogprobs(line)));
        }
        JsonNode toolCalls = message.path("tool_calls");
        if (toolCalls.isArray() && !toolCalls.isEmpty()) {
            ArrayNode calls = NativeAnswers.toolCalls(toolCalls, nextToolIndex, true);
            nextToolIndex += calls.size();
            ObjectNode delta = NODES.objectNode();
            delta.set("tool_calls", calls);
            events.data(chunk(delta, null, null));
        }
        if (!line.path("done").asBoolean(false)) {
            return true;
        }
        events.data(chunk(NODES.objectNode(), NativeAnswers.finishReason(line, nextToolIndex > 0, true), null));
        if (call.includeUsage()) {
            ObjectNode usage = envelope();
            usage.putArray("choices");
            usage.set("usage", NativeAnswers.usage(line));
            events.data(usage);
        }
        events.done();
        return false;
    }

    @Override
    public void onEarlyEnd(SseEvents events) {
        events.data(errors.event("the upstream answer ended before it was complete"));
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason, JsonNode logprobs) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (logprobs != null) {
            choice.set("logprobs", logprobs);
        }
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode envelope() {
        return NODES.objectNode()
                .put("id", call.id())
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", call.model())
                .put("system_fingerprint", NativeAnswers.SYSTEM_FINGERPRINT);
    }
}
