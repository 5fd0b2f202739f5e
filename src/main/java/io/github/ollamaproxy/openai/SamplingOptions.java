package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * The request fields that chat and text completions share, mapped onto Ollama's {@code options}:
 * {@code max_completion_tokens} (preferred) or {@code max_tokens} → {@code num_predict} (at least
 * 1); {@code temperature} (0 to 2) and {@code top_p} (0 to 1), OpenAI's default 1.0 when absent, as
 * Ollama's own {@code /v1} does; {@code seed} (an integer); {@code stop} (a string or strings);
 * {@code frequency_penalty}, {@code presence_penalty} (-2 to 2). Out of range is a 400, as at OpenAI. Beyond Ollama's own layer, an {@code options} object (e.g.
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
            String field = openAi.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            JsonNode count = integer(maxTokens, field);
            if (count.asLong() < 1) {
                throw new InvalidRequestException("'" + field + "' must be at least 1", field);
            }
            options.set("num_predict", count);
        }
        options.set("temperature", inRange(number(openAi, "temperature", OPENAI_DEFAULT), "temperature", 0, 2));
        options.set("top_p", inRange(number(openAi, "top_p", OPENAI_DEFAULT), "top_p", 0, 1));
        JsonNode seed = openAi.get("seed");
        if (seed != null && !seed.isNull()) {
            options.set("seed", integer(seed, "seed"));
        }
        copyNumber(openAi, options, "frequency_penalty", -2, 2);
        copyNumber(openAi, options, "presence_penalty", -2, 2);
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

    private static void copyNumber(ObjectNode openAi, ObjectNode options, String field, double min, double max) {
        JsonNode value = openAi.get(field);
        if (value != null && !value.isNull()) {
            if (!value.isNumber()) {
                throw new InvalidRequestException("'" + field + "' must be a number, not " + JsonTypes.of(value), field);
            }
            options.set(field, inRange(value, field, min, max));
        }
    }

    private static JsonNode inRange(JsonNode value, String field, double min, double max) {
        double number = value.asDouble();
        if (Double.isNaN(number) || number < min || number > max) {
            throw new InvalidRequestException("'" + field + "' must be between " + format(min) + " and " + format(max)
                    + ", not " + value, field);
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }

    private static JsonNode integer(JsonNode value, String field) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidRequestException("'" + field + "' must be an integer", field);
        }
        return value;
    }
}
