package io.github.ollamaproxy.openai;

/**
 * What the OpenAI response translation needs to know about the request it answers.
 *
 * @param kind         which endpoint was called
 * @param id           the completion id ({@code chatcmpl-…} or {@code cmpl-…})
 * @param model        the model as the client named it (echoed in every answer)
 * @param stream       whether the client asked for server-sent events
 * @param includeUsage whether a usage chunk ends the stream ({@code stream_options.include_usage})
 * @param echoPrompt   the prompt to put in front of a text completion ({@code echo: true}), or null
 * @param base64       whether embeddings are wanted as base64 ({@code encoding_format})
 */
public record OpenAiCall(Kind kind, String id, String model, boolean stream, boolean includeUsage,
        String echoPrompt, boolean base64) {

    /** The OpenAI endpoints. */
    public enum Kind {
        CHAT, COMPLETION, EMBEDDING, MODELS
    }
}
