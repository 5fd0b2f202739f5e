package io.github.ollamaproxy.web;

import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Type checks of the fields of Ollama's chat and generate requests that the proxy itself reads
 * (the messages and their roles, content and images, the prompt, {@code stream}, {@code options},
 * {@code tools}): a wrong type is a 400 naming the field, before any agent runs. Fields the proxy
 * does not read are left for Ollama to judge.
 */
final class NativeRequestChecks {

    private NativeRequestChecks() {
    }

    static void chat(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages != null && !messages.isNull()) {
            if (!messages.isArray()) {
                throw new InvalidRequestException("'messages' must be an array of messages", "messages");
            }
            for (int i = 0; i < messages.size(); i++) {
                message(messages.get(i), "messages[" + i + "]");
            }
        }
        common(body);
        optional(body, "tools", JsonNode::isArray, "an array");
    }

    static void generate(ObjectNode body) {
        optional(body, "prompt", JsonNode::isTextual, "a string");
        optional(body, "system", JsonNode::isTextual, "a string");
        optional(body, "suffix", JsonNode::isTextual, "a string");
        images(body, "images");
        common(body);
    }

    private static void message(JsonNode message, String name) {
        if (!message.isObject()) {
            throw new InvalidRequestException("'" + name + "' must be an object", "messages");
        }
        JsonNode role = message.get("role");
        if (role != null && !role.isNull() && !role.isTextual()) {
            throw new InvalidRequestException("'" + name + ".role' must be a string", "messages");
        }
        JsonNode content = message.get("content");
        if (content != null && !content.isNull() && !content.isTextual()) {
            throw new InvalidRequestException("'" + name + ".content' must be a string", "messages");
        }
        images((ObjectNode) message, name + ".images");
    }

    private static void images(ObjectNode holder, String name) {
        JsonNode images = holder.get("images");
        if (images == null || images.isNull()) {
            return;
        }
        if (!images.isArray()) {
            throw new InvalidRequestException("'" + name + "' must be an array of base64 strings", "images");
        }
        for (JsonNode image : images) {
            if (!image.isTextual()) {
                throw new InvalidRequestException("'" + name + "' must be an array of base64 strings", "images");
            }
        }
    }

    private static void common(ObjectNode body) {
        optional(body, "stream", JsonNode::isBoolean, "true or false");
        optional(body, "options", JsonNode::isObject, "an object");
    }

    private static void optional(ObjectNode body, String field, Predicate<JsonNode> type,
            String expected) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            throw new InvalidRequestException("'" + field + "' must be " + expected, field);
        }
    }
}
