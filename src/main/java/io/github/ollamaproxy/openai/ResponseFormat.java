package io.github.ollamaproxy.openai;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * OpenAI's {@code response_format} as Ollama's {@code format}: {@code json_object} → {@code "json"},
 * {@code json_schema} → its {@code schema} object, {@code text} → none.
 */
final class ResponseFormat {

    private ResponseFormat() {
    }

    static JsonNode toFormat(JsonNode responseFormat) {
        if (responseFormat == null || responseFormat.isNull()) {
            return null;
        }
        String type = responseFormat.path("type").asText("").strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text" -> null;
            case "json_object" -> TextNode.valueOf("json");
            case "json_schema" -> {
                JsonNode schema = responseFormat.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw new InvalidRequestException("response_format json_schema needs a 'schema' object",
                            "response_format");
                }
                yield schema;
            }
            default -> throw new InvalidRequestException("invalid response_format type: " + responseFormat.path("type"),
                    "response_format");
        };
    }
}
