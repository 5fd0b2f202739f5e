package io.github.ollamaproxy.optimizer;

import java.util.Arrays;

/**
 * How what a template's answers needed becomes the context window of the next request.
 *
 * <p>A need is the prompt plus the answer, in tokens. Needs are remembered relative to the prompt:
 * the extra tokens beyond the prompt's estimated size (the answer, and any error of the estimate).
 * The window for a request is its prompt's estimated size plus a high percentile of the recent
 * extras, times the safety margin, rounded up to a bucket (so Ollama does not reload the model for
 * small changes), and clamped between the minimum and the model's context length. For prompts of
 * one size this is the percentile of the needs; when a template's prompts vary in size (documents,
 * code), each request gets the window its own prompt needs, and is never below its prompt.
 */
public final class WindowPolicy {

    private static final double FILLED = 0.98;

    private final OptimizerProperties properties;

    public WindowPolicy(OptimizerProperties properties) {
        this.properties = properties;
    }

    /**
     * The window for a prompt of this estimated size, given the extra tokens recent answers needed.
     *
     * @param extras        recent needs minus their prompt estimates (may be empty)
     * @param promptTokens  the estimated size of this request's prompt
     * @param modelMax      the model's context length, or 0 when unknown
     */
    public int window(int[] extras, int promptTokens, int modelMax) {
        long extra = 0;
        if (extras.length > 0) {
            int[] sorted = extras.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(properties.percentile() / 100.0 * sorted.length);
            extra = Math.max(0, sorted[Math.max(0, rank - 1)]);
        }
        return clamp(bucketUp((promptTokens + extra) * properties.safetyMargin()), modelMax);
    }

    /**
     * What one answer tells about the need: prompt plus answer tokens (the prompt at least as large
     * as estimated, since Ollama reports fewer when it reused cached tokens), grown by the
     * truncation factor when the answer filled the window it was given.
     *
     * @param given the {@code num_ctx} the request carried, or 0 when unknown
     */
    public int need(long promptEvalCount, long evalCount, int promptEstimate, int given) {
        long used = promptEvalCount + evalCount;
        long need = Math.max(promptEvalCount, promptEstimate) + evalCount;
        if (filled(used, given)) {
            need = Math.max(need, (long) Math.ceil(given * properties.truncationGrowth()));
        }
        return (int) Math.min(Integer.MAX_VALUE, need);
    }

    /** Whether an answer used all of the window it was given (the prompt may have been cut). */
    public boolean filled(long used, int given) {
        return given > 0 && used >= given * FILLED;
    }

    private int bucketUp(double tokens) {
        long buckets = (long) Math.ceil(tokens / properties.bucket());
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, buckets) * properties.bucket());
    }

    private int clamp(int window, int modelMax) {
        int max = modelMax > 0 ? modelMax : properties.maxWindow();
        return Math.min(Math.max(window, Math.min(properties.minWindow(), max)), max);
    }
}
