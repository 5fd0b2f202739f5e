package io.github.ollamaproxy.usage;

/**
 * One key's use of one model on one UTC day.
 *
 * @param day              {@code yyyy-MM-dd}
 * @param key              the key id
 * @param model            the model as the client named it
 * @param requests         answers Ollama began (streamed or not)
 * @param promptTokens     prompt tokens Ollama reported
 * @param completionTokens completion tokens Ollama reported
 * @param errors           requests Ollama answered with an error status
 */
public record UsageRow(String day, String key, String model, long requests, long promptTokens, long completionTokens,
        long errors) {
}
