package io.github.ollamaproxy.web;

import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Type checks of the fields of Ollama's chat and generate requests that the proxy itself reads
 * (the messages and their roles, content and images, the prompt, {@code stream}, {@code options},
 * {@code tools}) and the types of the options Ollama knows: a wrong type is a 400 naming the field,
 * before any agent runs. Fields and options the proxy does not know are left for Ollama to judge.
 */
final class NativeRequestChecks {

    /** Ollama's numeric options (integers or floats; Ollama truncates a float given for an integer). */
    private static final Set<String> NUMBER_OPTIONS = Set.of("num_predict", "top_k", "repeat_last_n", "num_ctx",
            "num_batch", "num_gpu", "main_gpu", "num_thread", "num_keep", "seed", "draft_num_predict",
            "temperature", "top_p", "min_p", "typical_p", "repeat_penalty", "presence_penalty", "frequency_penalty");

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
        if (body.get("options") instanceof ObjectNode options) {
            options(options);
        }
    }

    /**
     * The option values of the keys Ollama knows must have its types (Ollama itself answers a wrong
     * one with a 500); {@code num_ctx}, which the optimizer reads, must not be negative.
     */
    private static void options(ObjectNode options) {
        options.fields().forEachRemaining(option -> {
            String key = option.getKey();
            JsonNode value = option.getValue();
            if (value.isNull()) {
                return;
            }
            String name = "options." + key;
            if (NUMBER_OPTIONS.contains(key) && !value.isNumber()) {
                throw new InvalidRequestException("'" + name + "' must be a number", name);
            }
            if (key.equals("use_mmap") && !value.isBoolean()) {
                throw new InvalidRequestException("'" + name + "' must be true or false", name);
            }
            if (key.equals("stop") && !(value.isTextual() || isArrayOfStrings(value))) {
                throw new InvalidRequestException("'" + name + "' must be a string or an array of strings", name);
            }
        });
        JsonNode numCtx = options.get("num_ctx");
        if (numCtx != null && numCtx.isNumber() && numCtx.asDouble() < 0) {
            throw new InvalidRequestException("'options.num_ctx' must not be negative", "options.num_ctx");
        }
    }

    private static boolean isArrayOfStrings(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void optional(ObjectNode body, String field, Predicate<JsonNode> type,
            String expected) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            throw new InvalidRequestException("'" + field + "' must be " + expected, field);
        }
    }
}
