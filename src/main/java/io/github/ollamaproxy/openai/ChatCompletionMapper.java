package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A native chat answer as an OpenAI {@code chat.completion} object. */
final class ChatCompletionMapper {

    private ChatCompletionMapper() {
    }

    static ObjectNode fromNative(ObjectNode answer, OpenAiCall call) {
        ObjectNode completion = answer.objectNode()
                .put("id", call.id())
                .put("object", "chat.completion")
                .put("created", NativeAnswers.created(answer))
                .put("model", call.model())
                .put("system_fingerprint", NativeAnswers.SYSTEM_FINGERPRINT);
        JsonNode nativeMessage = answer.path("message");
        JsonNode nativeCalls = nativeMessage.path("tool_calls");
        boolean toolsCalled = nativeCalls.isArray() && !nativeCalls.isEmpty();
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String content = nativeMessage.path("content").asText("");
        if (content.isEmpty() && toolsCalled) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        String thinking = nativeMessage.path("thinking").asText("");
        if (!thinking.isEmpty()) {
            message.put("reasoning", thinking);
        }
        if (toolsCalled) {
            message.set("tool_calls", NativeAnswers.toolCalls(nativeCalls, 0, false));
        }
        choice.set("logprobs", NativeAnswers.chatLogprobs(answer));
        choice.put("finish_reason", NativeAnswers.finishReason(answer, toolsCalled, false));
        completion.set("usage", NativeAnswers.usage(answer));
        return completion;
    }
}
