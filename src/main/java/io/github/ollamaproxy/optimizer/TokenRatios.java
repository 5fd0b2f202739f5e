package io.github.ollamaproxy.optimizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many characters of a prompt make one token, per model, learned from the
 * {@code prompt_eval_count} Ollama reports: tokenizers differ (code, other languages and
 * chat templates cost more tokens per character), so a fixed four characters per token makes
 * windows too small for some models and padded for others. Until a model has answered, four.
 *
 * <p>An answer whose ratio is implausible (under one, or over eight characters per token: Ollama
 * counts only the tokens it did not find in its cache) teaches nothing. A ratio moves quickly
 * towards more tokens (a window too small truncates) and slowly towards fewer (one answer from a
 * partly cached prompt must not shrink every window).
 */
final class TokenRatios {

    static final double DEFAULT = 4.0;
    private static final double MIN = 1.0;
    private static final double MAX = 8.0;
    private static final int MIN_CHARS = 200;
    private static final double TOWARDS_MORE_TOKENS = 0.5;
    private static final double TOWARDS_FEWER_TOKENS = 0.1;

    private final Map<String, Double> ratios = new ConcurrentHashMap<>();

    /** The characters per token of a model. */
    double ratio(String model) {
        return ratios.getOrDefault(model, DEFAULT);
    }

    /** The tokens a prompt of this many characters takes with this model. */
    int tokens(String model, int chars) {
        return (int) Math.ceil(chars / ratio(model));
    }

    /** Learns from an answer: the prompt's length in characters and the tokens Ollama counted. */
    void observe(String model, int chars, long promptEvalCount) {
        if (promptEvalCount <= 0 || chars < MIN_CHARS) {
            return;
        }
        double seen = chars / (double) promptEvalCount;
        if (seen < MIN || seen > MAX) {
            return;
        }
        ratios.merge(model, seen, (old, now) -> old + (now < old ? TOWARDS_MORE_TOKENS : TOWARDS_FEWER_TOKENS) * (now - old));
    }
}
