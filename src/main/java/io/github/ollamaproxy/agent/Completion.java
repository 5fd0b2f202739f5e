package io.github.ollamaproxy.agent;

import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A finished answer as an agent's completion step sees it.
 *
 * @param text      the whole answer text (chat {@code message.content} or generate {@code response},
 *                  concatenated over all streamed lines)
 * @param finalLine the last object of the answer, the one with {@code "done": true} and the metrics
 * @param streamed  whether the answer was streamed to the client
 */
public record Completion(String text, ObjectNode finalLine, boolean streamed) {

    /** Tokens of prompt the model evaluated ({@code prompt_eval_count}), if reported. */
    public OptionalLong promptEvalCount() {
        return metric("prompt_eval_count");
    }

    /** Tokens the model generated ({@code eval_count}), if reported. */
    public OptionalLong evalCount() {
        return metric("eval_count");
    }

    /** Wall time of the whole request in nanoseconds ({@code total_duration}), if reported. */
    public OptionalLong totalDuration() {
        return metric("total_duration");
    }

    /** Why generation stopped ({@code stop}, {@code length}, …), or an empty string. */
    public String doneReason() {
        return finalLine.path("done_reason").asText("");
    }

    private OptionalLong metric(String field) {
        JsonNode value = finalLine.get(field);
        return value != null && value.canConvertToLong() && value.asLong() >= 0
                ? OptionalLong.of(value.asLong())
                : OptionalLong.empty();
    }
}
