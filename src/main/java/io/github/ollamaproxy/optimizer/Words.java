package io.github.ollamaproxy.optimizer;

import java.util.Arrays;

/**
 * The words of a text as 32-bit hashes: maximal runs of letters, digits and underscores, compared
 * case-insensitively. Punctuation and white space only separate words, so re-wrapped or
 * re-punctuated text keeps its words.
 */
final class Words {

    private static final int GOLDEN = 0x9E3779B9;

    private Words() {
    }

    /** The hashes of the text's words, in order. */
    static int[] hashes(String text) {
        int[] hashes = new int[Math.max(4, text.length() / 5)];
        int count = 0;
        int hash = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint) || codePoint == '_') {
                hash = 31 * hash + Character.toLowerCase(codePoint);
                inWord = true;
            } else if (inWord) {
                if (count == hashes.length) {
                    hashes = Arrays.copyOf(hashes, count * 2);
                }
                hashes[count++] = hash * GOLDEN;
                hash = 0;
                inWord = false;
            }
        }
        if (inWord) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count + 1);
            }
            hashes[count++] = hash * GOLDEN;
        }
        return Arrays.copyOf(hashes, count);
    }
}
