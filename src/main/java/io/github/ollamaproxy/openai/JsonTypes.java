package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Names of JSON value types, for error messages. */
final class JsonTypes {

    private JsonTypes() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
