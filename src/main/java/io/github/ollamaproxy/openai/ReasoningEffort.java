package io.github.ollamaproxy.openai;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * OpenAI's {@code reasoning_effort} (or {@code reasoning.effort}) as Ollama's {@code think}:
 * {@code none} → {@code false}; {@code minimal} → {@code "low"}; {@code low}, {@code medium},
 * {@code high}, {@code max} unchanged; {@code xhigh} and {@code ultra} → {@code "max"}.
 */
final class ReasoningEffort {

    private static final Map<String, JsonNode> THINK = Map.of(
            "none", BooleanNode.FALSE,
            "minimal", TextNode.valueOf("low"),
            "low", TextNode.valueOf("low"),
            "medium", TextNode.valueOf("medium"),
            "high", TextNode.valueOf("high"),
            "max", TextNode.valueOf("max"),
            "xhigh", TextNode.valueOf("max"),
            "ultra", TextNode.valueOf("max"));

    private ReasoningEffort() {
    }

    /** The native {@code think} value, or {@code null} to leave the model's default. */
    static JsonNode toThink(JsonNode openAi) {
        JsonNode effort = openAi.path("reasoning").path("effort");
        if (effort.isMissingNode() || effort.isNull()) {
            effort = openAi.path("reasoning_effort");
        }
        if (effort.isMissingNode() || effort.isNull() || effort.isTextual() && effort.asText().isEmpty()) {
            return null;
        }
        JsonNode think = effort.isTextual() ? THINK.get(effort.asText().toLowerCase(Locale.ROOT)) : null;
        if (think == null) {
            throw new InvalidRequestException("invalid reasoning value: " + effort
                    + " (must be \"none\", \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\" or \"max\")",
                    "reasoning_effort");
        }
        return think;
    }
}
