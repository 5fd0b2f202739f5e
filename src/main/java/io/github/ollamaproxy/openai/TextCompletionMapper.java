package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A native generate answer as an OpenAI {@code text_completion} object. */
final class TextCompletionMapper {

    private TextCompletionMapper() {
    }

    static ObjectNode fromNative(ObjectNode answer, OpenAiCall call) {
        String echo = call.echoPrompt() == null ? "" : call.echoPrompt();
        ObjectNode completion = answer.objectNode()
                .put("id", call.id())
                .put("object", "text_completion")
                .put("created", NativeAnswers.created(answer))
                .put("model", call.model())
                .put("system_fingerprint", NativeAnswers.SYSTEM_FINGERPRINT);
        completion.putArray("choices").addObject()
                .put("text", echo + answer.path("response").asText(""))
                .put("index", 0)
                .<ObjectNode>set("logprobs", NativeAnswers.completionLogprobs(answer, echo.length()))
                .put("finish_reason", NativeAnswers.finishReason(answer, false, false));
        completion.set("usage", NativeAnswers.usage(answer));
        return completion;
    }
}
