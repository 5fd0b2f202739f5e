package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A native generate stream as {@code text_completion} events: one per native line (the echoed
 * prompt first when asked for), the final one with {@code finish_reason}, a usage event
 * ({@code choices: []}) when asked for, then {@code [DONE]}.
 */
final class TextChunkTranslator implements NativeStreamTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenAiCall call;
    private final StreamErrors errors;
    private long created;
    private boolean started;
    private int textOffset;

    TextChunkTranslator(OpenAiCall call, StreamErrors errors) {
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
            if (call.echoPrompt() != null) {
                events.data(chunk(call.echoPrompt(), null, null));
                textOffset = call.echoPrompt().length();
            }
        }
        String text = line.path("response").asText("");
        boolean done = line.path("done").asBoolean(false);
        if (!text.isEmpty() || done) {
            events.data(chunk(text, done ? NativeAnswers.finishReason(line, false, true) : null,
                    NativeAnswers.completionLogprobs(line, textOffset)));
            textOffset += text.length();
        }
        if (!done) {
            return true;
        }
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

    private ObjectNode chunk(String text, String finishReason, JsonNode logprobs) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("text", text).put("index", 0);
        choice.set("logprobs", logprobs);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode envelope() {
        return NODES.objectNode()
                .put("id", call.id())
                .put("object", "text_completion")
                .put("created", created)
                .put("model", call.model())
                .put("system_fingerprint", NativeAnswers.SYSTEM_FINGERPRINT);
    }
}
