package io.github.ollamaproxy.bench;

/** The nearest-rank percentile the benchmark tools report. */
final class Percentiles {

    private Percentiles() {
    }

    /** The value at {@code percent} of sorted values, divided by {@code unit}; NaN when there are none. */
    static double of(long[] sorted, int percent, double unit) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / unit;
    }
}
