package io.github.ollamaproxy.openai;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pieces of a native answer in OpenAI's terms, shared by the response translators. */
final class NativeAnswers {

    static final String SYSTEM_FINGERPRINT = "fp_ollama";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NativeAnswers() {
    }

    /** Unix seconds of {@code created_at}, or now. */
    static long created(JsonNode answer) {
        try {
            return Instant.parse(answer.path("created_at").asText()).getEpochSecond();
        } catch (DateTimeParseException e) {
            return Instant.now().getEpochSecond();
        }
    }

    /** {@code usage} from {@code prompt_eval_count} and {@code eval_count}. */
    static ObjectNode usage(JsonNode answer) {
        long prompt = answer.path("prompt_eval_count").asLong(0);
        long completion = answer.path("eval_count").asLong(0);
        return NODES.objectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    /**
     * OpenAI's {@code finish_reason}: {@code stop} becomes {@code tool_calls} when tools were
     * called; an absent reason is {@code null}, or {@code stop} at the end of a stream.
     */
    static String finishReason(JsonNode answer, boolean toolsCalled, boolean streaming) {
        String reason = answer.path("done_reason").asText("");
        if (reason.isEmpty()) {
            return streaming ? "stop" : null;
        }
        return "stop".equals(reason) && toolsCalled ? "tool_calls" : reason;
    }

    /** Native tool calls (arguments as objects) as OpenAI's (arguments as JSON strings, with ids). */
    static ArrayNode toolCalls(JsonNode nativeCalls, int firstIndex, boolean withIndex) {
        ArrayNode calls = NODES.arrayNode();
        int index = firstIndex;
        for (JsonNode call : nativeCalls) {
            ObjectNode converted = calls.addObject();
            if (withIndex) {
                converted.put("index", index);
            }
            String id = call.path("id").asText("");
            converted.put("id", id.isEmpty() ? OpenAiIds.toolCall() : id);
            converted.put("type", "function");
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            converted.putObject("function")
                    .put("name", function.path("name").asText(""))
                    .put("arguments", arguments.isTextual() ? arguments.textValue()
                            : arguments.isMissingNode() ? "{}" : arguments.toString());
            index++;
        }
        return calls;
    }

    /** Native log-probabilities as a chat choice's {@code logprobs.content}, or null. */
    static JsonNode chatLogprobs(JsonNode answer) {
        JsonNode logprobs = answer.get("logprobs");
        if (logprobs == null || !logprobs.isArray() || logprobs.isEmpty()) {
            return null;
        }
        ObjectNode result = NODES.objectNode();
        result.set("content", logprobs);
        return result;
    }

    /** Native log-probabilities in the legacy text-completion shape, or null. */
    static JsonNode completionLogprobs(JsonNode answer, int textOffset) {
        JsonNode logprobs = answer.get("logprobs");
        if (logprobs == null || !logprobs.isArray() || logprobs.isEmpty()) {
            return null;
        }
        ObjectNode result = NODES.objectNode();
        ArrayNode tokens = result.putArray("tokens");
        ArrayNode tokenLogprobs = result.putArray("token_logprobs");
        ArrayNode top = result.putArray("top_logprobs");
        ArrayNode offsets = result.putArray("text_offset");
        int offset = textOffset;
        for (JsonNode entry : logprobs) {
            String token = entry.path("token").asText("");
            tokens.add(token);
            tokenLogprobs.add(entry.path("logprob").asDouble());
            ObjectNode alternatives = top.addObject();
            for (JsonNode alternative : entry.path("top_logprobs")) {
                alternatives.put(alternative.path("token").asText(""), alternative.path("logprob").asDouble());
            }
            offsets.add(offset);
            offset += token.length();
        }
        return result;
    }
}
