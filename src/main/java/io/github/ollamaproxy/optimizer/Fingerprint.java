package io.github.ollamaproxy.optimizer;

import java.util.Arrays;

/**
 * The 64-bit SimHash fingerprints of a prompt at every {@link Resolution}.
 *
 * @param values one fingerprint per resolution, in {@link Resolution#ALL} order
 * @param tokens how many word tokens the text has
 */
public record Fingerprint(long[] values, int tokens) {

    public Fingerprint {
        if (values.length != Resolution.COUNT) {
            throw new IllegalArgumentException("expected " + Resolution.COUNT + " fingerprints");
        }
        values = values.clone();
    }

    /** The fingerprint of the first 64 tokens, used to find candidates. */
    public long prefix64() {
        return values[0];
    }

    public long at(int resolutionIndex) {
        return values[resolutionIndex];
    }

    /** Hamming distance to another fingerprint at one resolution. */
    public int distance(Fingerprint other, int resolutionIndex) {
        return Long.bitCount(values[resolutionIndex] ^ other.values[resolutionIndex]);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && tokens == that.tokens && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + tokens;
    }

    @Override
    public String toString() {
        return "Fingerprint" + Arrays.toString(Arrays.stream(values).mapToObj(Long::toHexString).toArray()) + "/" + tokens;
    }
}
