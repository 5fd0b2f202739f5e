package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A native chat stream as {@code chat.completion.chunk} events, in OpenAI's order: a first chunk
 * with the role, reasoning and content deltas, tool-call deltas (each call whole, with index and
 * id), a finish chunk with {@code finish_reason}; then the usage chunk and {@code [DONE]}
 * ({@link ChunkTranslator}).
 */
final class ChatChunkTranslator extends ChunkTranslator {

    private int nextToolIndex;

    ChatChunkTranslator(OpenAiCall call, StreamErrors errors) {
        super(call, errors, "chat.completion.chunk");
    }

    @Override
    protected void onStart(SseEvents events) {
        events.data(chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null, null));
    }

    @Override
    protected void onPiece(ObjectNode line, boolean done, SseEvents events) {
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
        if (done) {
            events.data(chunk(NODES.objectNode(), NativeAnswers.finishReason(line, nextToolIndex > 0, true), null));
        }
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
}
