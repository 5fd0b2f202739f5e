package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A native generate stream as {@code text_completion} events: the echoed prompt first when asked
 * for, one per native line, the final one with {@code finish_reason}; then the usage event and
 * {@code [DONE]} ({@link ChunkTranslator}).
 */
final class TextChunkTranslator extends ChunkTranslator {

    private int textOffset;

    TextChunkTranslator(OpenAiCall call, StreamErrors errors) {
        super(call, errors, "text_completion");
    }

    @Override
    protected void onStart(SseEvents events) {
        if (call.echoPrompt() != null) {
            events.data(chunk(call.echoPrompt(), null, null));
            textOffset = call.echoPrompt().length();
        }
    }

    @Override
    protected void onPiece(ObjectNode line, boolean done, SseEvents events) {
        String text = line.path("response").asText("");
        if (!text.isEmpty() || done) {
            events.data(chunk(text, done ? NativeAnswers.finishReason(line, false, true) : null,
                    NativeAnswers.completionLogprobs(line, textOffset)));
            textOffset += text.length();
        }
    }

    private ObjectNode chunk(String text, String finishReason, JsonNode logprobs) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("text", text).put("index", 0);
        choice.set("logprobs", logprobs);
        choice.put("finish_reason", finishReason);
        return chunk;
    }
}
