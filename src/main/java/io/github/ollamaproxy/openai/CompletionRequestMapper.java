package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.RequestFields;

/**
 * An OpenAI text completion request ({@code /v1/completions}) as the native {@code /api/generate}
 * request: {@code prompt} (a string, or an array holding one string), {@code suffix}, the sampling
 * options, and {@code logprobs: N} as {@code logprobs} with {@code top_logprobs: N}.
 */
final class CompletionRequestMapper {

    private CompletionRequestMapper() {
    }

    static ObjectNode toNative(ObjectNode openAi) {
        ObjectNode generate = openAi.objectNode();
        generate.put("model", RequestFields.requireModel(openAi));
        generate.put("prompt", prompt(openAi.get("prompt")));
        JsonNode suffix = openAi.get("suffix");
        if (suffix != null && !suffix.isNull()) {
            if (!suffix.isTextual()) {
                throw new InvalidRequestException("'suffix' must be a string", "suffix");
            }
            generate.set("suffix", suffix);
        }
        generate.put("stream", OpenAiValidation.stream(openAi));
        OpenAiValidation.singleChoice(openAi);
        SamplingOptions.apply(openAi, generate);
        JsonNode logprobs = openAi.get("logprobs");
        if (logprobs != null && !logprobs.isNull()) {
            if (!logprobs.canConvertToInt() || logprobs.asInt() < 0 || logprobs.asInt() > 20) {
                throw new InvalidRequestException("logprobs must be between 0 and 20", "logprobs");
            }
            if (logprobs.asInt() > 0) {
                generate.put("logprobs", true).put("top_logprobs", logprobs.asInt());
            }
        }
        return generate;
    }

    /** The prompt text; {@code echo: true} puts it in front of the answer. */
    static String prompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw new InvalidRequestException("'prompt' is required", "prompt");
        }
        if (prompt.isTextual()) {
            return prompt.textValue();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).textValue();
        }
        throw new InvalidRequestException("'prompt' must be a string (or an array of one string): "
                + "token arrays and several prompts are not supported", "prompt");
    }
}
