package io.github.ollamaproxy.openai;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.RequestFields;

/**
 * An OpenAI embeddings request as the native {@code /api/embed} request: {@code input} (a string
 * or an array; token arrays are passed on and Ollama refuses them), {@code dimensions}, and, beyond
 * Ollama's own layer, {@code options}, {@code keep_alive} and {@code truncate}.
 */
final class EmbeddingRequestMapper {

    private EmbeddingRequestMapper() {
    }

    static ObjectNode toNative(ObjectNode openAi) {
        ObjectNode embed = openAi.objectNode();
        embed.put("model", RequestFields.requireModel(openAi));
        JsonNode input = openAi.get("input");
        if (input == null || input.isNull() || input.isArray() && input.isEmpty()) {
            throw new InvalidRequestException("invalid input", "input");
        }
        if (input.isTextual()) {
            embed.putArray("input").add(input.textValue());
        } else if (input.isArray()) {
            embed.set("input", input);
        } else {
            throw new InvalidRequestException("invalid input", "input");
        }
        JsonNode dimensions = openAi.get("dimensions");
        if (dimensions != null && !dimensions.isNull()) {
            if (!dimensions.canConvertToInt() || dimensions.asInt() <= 0) {
                throw new InvalidRequestException("'dimensions' must be a positive integer", "dimensions");
            }
            embed.put("dimensions", dimensions.asInt());
        }
        for (String extension : new String[] {"options", "keep_alive", "truncate"}) {
            if (openAi.hasNonNull(extension)) {
                embed.set(extension, openAi.get(extension));
            }
        }
        return embed;
    }

    /** Whether the client wants base64 vectors ({@code encoding_format}, float by default). */
    static boolean base64(ObjectNode openAi) {
        JsonNode format = openAi.get("encoding_format");
        if (format == null || format.isNull()) {
            return false;
        }
        String value = format.asText("").toLowerCase(Locale.ROOT);
        if (!format.isTextual() || !(value.equals("float") || value.equals("base64"))) {
            throw new InvalidRequestException("Invalid value for 'encoding_format' = " + format.asText()
                    + ". Supported values: ['float', 'base64'].", "encoding_format");
        }
        return value.equals("base64");
    }
}
