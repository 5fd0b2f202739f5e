package io.github.ollamaproxy.optimizer;

import java.util.Arrays;

/**
 * How a template's observed needs become a context window: a high percentile of the recent needs
 * times the safety margin, rounded up to a bucket, clamped between the minimum and the model's
 * context length, and never below what the current prompt needs.
 */
public final class WindowPolicy {

    private static final double FILLED = 0.98;

    private final OptimizerProperties properties;

    public WindowPolicy(OptimizerProperties properties) {
        this.properties = properties;
    }

    /** The window that covers these needs. */
    public int window(int[] needs, int modelMax) {
        if (needs.length == 0) {
            return clamp(properties.minWindow(), modelMax);
        }
        int[] sorted = needs.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(properties.percentile() / 100.0 * sorted.length);
        int percentile = sorted[Math.max(0, rank - 1)];
        return clamp(bucketUp(percentile * properties.safetyMargin()), modelMax);
    }

    /** The window for one request: the template's, or more if this prompt alone needs more. */
    public int forRequest(int templateWindow, int promptTokens, int modelMax) {
        return clamp(Math.max(templateWindow, bucketUp(promptTokens * properties.safetyMargin())), modelMax);
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
