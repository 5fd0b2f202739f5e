package io.github.ollamaproxy.optimizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * 64-bit SimHash (Charikar 2002; near-duplicate detection as in Manku, Jain and Das Sarma, WWW 2007)
 * over word 3-shingles, at several token-prefix resolutions in one pass.
 *
 * <ul>
 *   <li>Tokens: the text in lower case, cut into maximal runs of letters, digits and underscores.</li>
 *   <li>Shingles: every 3 consecutive tokens, joined by single spaces; repeats count again.</li>
 *   <li>Shingle hash: the first 64 bits of MurmurHash3 x64-128 (seed 0) of the shingle's UTF-8
 *       bytes (Apache Commons Codec {@code MurmurHash3.hash128x64}).</li>
 *   <li>Fingerprint: bit i is 1 when at least half of the shingles' hashes have bit i set.</li>
 *   <li>Prefix R: the shingles of the first R tokens; a text shorter than R gets its full-text
 *       fingerprint.</li>
 * </ul>
 */
public final class SimHasher {

    private static final int SHINGLE = 3;

    private SimHasher() {
    }

    /** The fingerprints of a text at every resolution. */
    public static Fingerprint fingerprint(String text) {
        List<String> tokens = tokens(text);
        long[] values = new long[Resolution.COUNT];
        int[] counts = new int[Long.SIZE];
        int shingles = Math.max(0, tokens.size() - SHINGLE + 1);
        int resolution = 0;
        for (int start = 0; start < shingles; start++) {
            while (resolution < Resolution.COUNT - 1 && start + SHINGLE > Resolution.ALL.get(resolution).tokens()) {
                values[resolution++] = fold(counts);
            }
            add(counts, hash(tokens.get(start) + ' ' + tokens.get(start + 1) + ' ' + tokens.get(start + 2)));
        }
        long full = fold(counts);
        while (resolution < Resolution.COUNT) {
            values[resolution++] = full;
        }
        return new Fingerprint(values, tokens.size());
    }

    /** The word tokens of a text, in lower case. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>(text.length() / 5 + 1);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int codePoint = lower.codePointAt(i);
            boolean word = Character.isLetterOrDigit(codePoint) || codePoint == '_';
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(lower.substring(start));
        }
        return tokens;
    }

    static long hash(String shingle) {
        return MurmurHash3.hash128x64(shingle.getBytes(StandardCharsets.UTF_8))[0];
    }

    private static void add(int[] counts, long hash) {
        for (int bit = 0; bit < Long.SIZE; bit++) {
            counts[bit] += (hash >>> bit & 1L) != 0 ? 1 : -1;
        }
    }

    private static long fold(int[] counts) {
        long fingerprint = 0;
        for (int bit = 0; bit < Long.SIZE; bit++) {
            if (counts[bit] >= 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }
}
