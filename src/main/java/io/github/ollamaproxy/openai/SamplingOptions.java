package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * The request fields that chat and text completions share, mapped onto Ollama's {@code options}:
 * {@code max_completion_tokens} (preferred) or {@code max_tokens} → {@code num_predict};
 * {@code temperature} and {@code top_p} (OpenAI's default 1.0 when absent, as Ollama's own
 * {@code /v1} does); {@code seed}; {@code stop} (a string or strings); {@code frequency_penalty},
 * {@code presence_penalty}. Beyond Ollama's own layer, an {@code options} object (e.g.
 * {@code num_ctx}) and {@code keep_alive} are passed on, so OpenAI clients can set them too.
 */
final class SamplingOptions {

    private static final double OPENAI_DEFAULT = 1.0;

    private SamplingOptions() {
    }

    static void apply(ObjectNode openAi, ObjectNode nativeRequest) {
        ObjectNode options = nativeRequest.putObject("options");
        JsonNode maxTokens = openAi.hasNonNull("max_completion_tokens")
                ? openAi.get("max_completion_tokens") : openAi.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            options.set("num_predict", integer(maxTokens, openAi.hasNonNull("max_completion_tokens")
                    ? "max_completion_tokens" : "max_tokens"));
        }
        options.set("temperature", number(openAi, "temperature", OPENAI_DEFAULT));
        options.set("top_p", number(openAi, "top_p", OPENAI_DEFAULT));
        copyNumber(openAi, options, "seed");
        copyNumber(openAi, options, "frequency_penalty");
        copyNumber(openAi, options, "presence_penalty");
        JsonNode stop = openAi.get("stop");
        if (stop != null && !stop.isNull()) {
            options.set("stop", stopList(stop, options.arrayNode()));
        }
        JsonNode extra = openAi.get("options");
        if (extra != null && !extra.isNull()) {
            if (!extra.isObject()) {
                throw new InvalidRequestException("'options' must be an object of Ollama options", "options");
            }
            options.setAll((ObjectNode) extra);
        }
        JsonNode keepAlive = openAi.get("keep_alive");
        if (keepAlive != null && !keepAlive.isNull()) {
            nativeRequest.set("keep_alive", keepAlive);
        }
    }

    private static ArrayNode stopList(JsonNode stop, ArrayNode list) {
        if (stop.isTextual()) {
            return list.add(stop.textValue());
        }
        if (!stop.isArray()) {
            throw new InvalidRequestException("invalid type for 'stop' field: " + JsonTypes.of(stop), "stop");
        }
        for (JsonNode item : stop) {
            if (!item.isTextual()) {
                throw new InvalidRequestException("invalid type for 'stop' field: " + JsonTypes.of(item), "stop");
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static JsonNode number(ObjectNode openAi, String field, double fallback) {
        JsonNode value = openAi.get(field);
        if (value == null || value.isNull()) {
            return openAi.numberNode(fallback);
        }
        if (!value.isNumber()) {
            throw new InvalidRequestException("'" + field + "' must be a number, not " + JsonTypes.of(value), field);
        }
        return value;
    }

    private static void copyNumber(ObjectNode openAi, ObjectNode options, String field) {
        JsonNode value = openAi.get(field);
        if (value != null && !value.isNull()) {
            if (!value.isNumber()) {
                throw new InvalidRequestException("'" + field + "' must be a number, not " + JsonTypes.of(value), field);
            }
            options.set(field, value);
        }
    }

    private static JsonNode integer(JsonNode value, String field) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidRequestException("'" + field + "' must be an integer", field);
        }
        return value;
    }
}
