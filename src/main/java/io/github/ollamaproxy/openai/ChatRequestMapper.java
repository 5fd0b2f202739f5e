package io.github.ollamaproxy.openai;

import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.RequestFields;

/**
 * An OpenAI chat completion request as the native {@code /api/chat} request (see
 * {@code docs/openai.md} for every field). Messages: {@code developer} becomes {@code system};
 * content parts are joined into one message whose images are the {@code image_url} data URIs;
 * assistant tool calls get their arguments as JSON objects; tool results keep
 * {@code tool_call_id} and get {@code tool_name} from the call they answer.
 */
final class ChatRequestMapper {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private ChatRequestMapper() {
    }

    static ObjectNode toNative(ObjectNode openAi) {
        ObjectNode chat = openAi.objectNode();
        chat.put("model", RequestFields.requireModel(openAi));
        chat.set("messages", messages(openAi.get("messages")));
        chat.put("stream", OpenAiValidation.stream(openAi));
        OpenAiValidation.singleChoice(openAi);
        SamplingOptions.apply(openAi, chat);
        JsonNode format = ResponseFormat.toFormat(openAi.get("response_format"));
        if (format != null) {
            chat.set("format", format);
        }
        JsonNode tools = tools(openAi.get("tools"), openAi.get("tool_choice"));
        if (tools != null) {
            chat.set("tools", tools);
        }
        JsonNode think = ReasoningEffort.toThink(openAi);
        if (think != null) {
            chat.set("think", think);
        }
        OpenAiValidation.logprobs(openAi, chat);
        return chat;
    }

    private static ArrayNode messages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw new InvalidRequestException("'messages' is required", "messages");
        }
        if (!messages.isArray()) {
            throw new InvalidRequestException("'messages' must be an array", "messages");
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("[] is too short - 'messages'", "messages");
        }
        ArrayNode result = JSON.createArrayNode();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw new InvalidRequestException("invalid message format", "messages");
            }
            result.add(message((ObjectNode) message, toolNames));
        }
        return result;
    }

    private static ObjectNode message(ObjectNode message, Map<String, String> toolNames) {
        String role = message.path("role").asText("").toLowerCase(Locale.ROOT);
        if ("developer".equals(role)) {
            role = "system";
        }
        if (!ROLES.contains(role)) {
            throw new InvalidRequestException("invalid message role: " + message.path("role"), "messages");
        }
        ObjectNode result = JSON.createObjectNode().put("role", role);
        JsonNode toolCalls = message.get("tool_calls");
        boolean hasToolCalls = toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
        content(message.get("content"), result, hasToolCalls);
        if (hasToolCalls) {
            result.set("tool_calls", toolCalls(toolCalls, toolNames));
        }
        JsonNode reasoning = message.hasNonNull("reasoning") ? message.get("reasoning") : message.get("reasoning_content");
        if (reasoning != null && reasoning.isTextual()) {
            result.put("thinking", reasoning.textValue());
        }
        if ("tool".equals(role)) {
            String callId = message.path("tool_call_id").asText("");
            if (!callId.isEmpty()) {
                result.put("tool_call_id", callId);
            }
            String name = message.hasNonNull("name") ? message.get("name").asText() : toolNames.get(callId);
            if (name != null) {
                result.put("tool_name", name);
            }
        }
        return result;
    }

    private static void content(JsonNode content, ObjectNode result, boolean hasToolCalls) {
        if (content == null || content.isNull()) {
            if (!hasToolCalls) {
                throw new InvalidRequestException("invalid message content type: null", "messages");
            }
            result.put("content", "");
            return;
        }
        if (content.isTextual()) {
            result.put("content", content.textValue());
            return;
        }
        if (!content.isArray()) {
            throw new InvalidRequestException("invalid message content type: " + JsonTypes.of(content), "messages");
        }
        StringBuilder text = new StringBuilder();
        ArrayNode images = JSON.createArrayNode();
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> {
                    if (!part.path("text").isTextual()) {
                        throw new InvalidRequestException("invalid message format", "messages");
                    }
                    text.append(text.isEmpty() ? "" : "\n").append(part.path("text").textValue());
                }
                case "image_url" -> images.add(imageData(part.get("image_url")));
                case "input_audio" -> images.add(base64(part.path("input_audio").path("data").asText("")));
                default -> throw new InvalidRequestException("invalid message format", "messages");
            }
        }
        result.put("content", text.toString());
        if (!images.isEmpty()) {
            result.set("images", images);
        }
    }

    private static String imageData(JsonNode imageUrl) {
        JsonNode url = imageUrl != null && imageUrl.isObject() ? imageUrl.get("url") : imageUrl;
        if (url == null || !url.isTextual()) {
            throw new InvalidRequestException("invalid image input", "messages");
        }
        String value = url.textValue();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new InvalidRequestException(
                    "image URLs are not currently supported, please use base64 encoded data instead", "messages");
        }
        int comma = value.indexOf(',');
        if (!lower.startsWith("data:") || comma < 0 || !lower.substring(0, comma).endsWith(";base64")) {
            throw new InvalidRequestException("invalid image input", "messages");
        }
        return base64(value.substring(comma + 1));
    }

    private static String base64(String data) {
        try {
            Base64.getDecoder().decode(data);
            return data;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid image input", "messages");
        }
    }

    private static ArrayNode toolCalls(JsonNode calls, Map<String, String> toolNames) {
        ArrayNode result = JSON.createArrayNode();
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText("");
            ObjectNode nativeCall = result.addObject();
            if (call.hasNonNull("id")) {
                nativeCall.put("id", call.get("id").asText());
                toolNames.put(call.get("id").asText(), name);
            }
            nativeCall.putObject("function").put("name", name).set("arguments", arguments(function.get("arguments")));
        }
        return result;
    }

    private static JsonNode arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return JSON.createObjectNode();
        }
        if (arguments.isObject()) {
            return arguments;
        }
        try {
            JsonNode parsed = arguments.isTextual() ? JSON.readTree(arguments.textValue()) : null;
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new InvalidRequestException("invalid tool call arguments", "messages");
    }

    private static JsonNode tools(JsonNode tools, JsonNode toolChoice) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray()) {
            throw new InvalidRequestException("'tools' must be an array", "tools");
        }
        if (toolChoice == null || toolChoice.isNull() || toolChoice.isTextual()) {
            String choice = toolChoice == null || toolChoice.isNull() ? "auto" : toolChoice.asText();
            return switch (choice) {
                case "none" -> null;
                case "auto", "required" -> tools;
                default -> throw new InvalidRequestException("invalid tool_choice: " + toolChoice, "tool_choice");
            };
        }
        String name = toolChoice.path("function").path("name").asText("");
        ArrayNode chosen = JSON.createArrayNode();
        for (JsonNode tool : tools) {
            if (name.equals(tool.path("function").path("name").asText())) {
                chosen.add(tool);
            }
        }
        if (chosen.isEmpty()) {
            throw new InvalidRequestException("tool_choice names a tool that is not in 'tools': " + name, "tool_choice");
        }
        return chosen;
    }
}
