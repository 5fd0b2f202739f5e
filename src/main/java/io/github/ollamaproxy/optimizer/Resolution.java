package io.github.ollamaproxy.optimizer;

import java.util.List;

/**
 * The token prefixes a prompt is fingerprinted at: the first 64, 128, 256, 512 and 1024 tokens and
 * the whole text. A match is found at the 64-token prefix and confirmed at the longer ones.
 *
 * @param tokens  prefix length in tokens, or {@link Integer#MAX_VALUE} for the whole text
 * @param label   how the resolution is shown ({@code 64} … {@code full})
 */
public record Resolution(int tokens, String label) {

    /** The prefixes, shortest first. */
    public static final List<Resolution> ALL = List.of(
            new Resolution(64, "64"), new Resolution(128, "128"), new Resolution(256, "256"),
            new Resolution(512, "512"), new Resolution(1024, "1024"), new Resolution(Integer.MAX_VALUE, "full"));

    /** How many resolutions a fingerprint has. */
    public static final int COUNT = ALL.size();
}
