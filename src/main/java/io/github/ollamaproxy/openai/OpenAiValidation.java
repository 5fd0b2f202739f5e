package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * Checks shared by the OpenAI request mappers. Parameters Ollama cannot honour and that would
 * change the answer ({@code n} above 1, {@code logit_bias}, audio output) are refused with 400
 * rather than silently ignored.
 */
final class OpenAiValidation {

    private OpenAiValidation() {
    }

    static boolean stream(ObjectNode openAi) {
        JsonNode stream = openAi.get("stream");
        if (stream == null || stream.isNull()) {
            return false;
        }
        if (!stream.isBoolean()) {
            throw new InvalidRequestException("'stream' must be a boolean", "stream");
        }
        return stream.booleanValue();
    }

    static boolean includeUsage(ObjectNode openAi) {
        return openAi.path("stream_options").path("include_usage").asBoolean(false);
    }

    static void singleChoice(ObjectNode openAi) {
        for (String field : new String[] {"n", "best_of"}) {
            JsonNode value = openAi.get(field);
            if (value != null && !value.isNull() && value.asInt(1) != 1) {
                throw new InvalidRequestException("'" + field + "' must be 1: Ollama returns one choice", field);
            }
        }
        JsonNode logitBias = openAi.get("logit_bias");
        if (logitBias != null && !logitBias.isNull() && !logitBias.isEmpty()) {
            throw new InvalidRequestException("logit_bias is not supported by Ollama", "logit_bias");
        }
        JsonNode modalities = openAi.get("modalities");
        if (openAi.hasNonNull("audio") || modalities != null && modalities.toString().contains("audio")) {
            throw new InvalidRequestException("audio output is not supported by Ollama", "modalities");
        }
    }

    static void logprobs(ObjectNode openAi, ObjectNode nativeRequest) {
        JsonNode logprobs = openAi.get("logprobs");
        if (logprobs != null && logprobs.isBoolean() && logprobs.booleanValue()) {
            nativeRequest.put("logprobs", true);
        }
        JsonNode top = openAi.get("top_logprobs");
        if (top != null && !top.isNull()) {
            if (!top.canConvertToInt() || top.asInt() < 0 || top.asInt() > 20) {
                throw new InvalidRequestException("top_logprobs must be between 0 and 20", "top_logprobs");
            }
            nativeRequest.put("top_logprobs", top.asInt());
        }
    }
}
