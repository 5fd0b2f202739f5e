package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.List;

import io.github.ollamaproxy.agent.ConversationTurn;

/**
 * What the prompts of one template have in common, part by part (see {@link PromptPart}); or, for
 * a prompt, the prompt itself in the same form. A pattern starts as the first prompt of its
 * template and is narrowed as prompts that vary from it match ({@link PatternAlignment}).
 *
 * @param parts   at most {@value #MAX_PARTS} parts, in conversation order
 * @param refined whether a second prompt has shown which words vary
 * @param words   how many words the first prompt had in all
 */
record PromptPattern(List<PromptPart> parts, boolean refined, int words) {

    /** Parts kept; a longer conversation is matched on its first parts. */
    static final int MAX_PARTS = 16;

    /** Words of a part's start or end that make one lookup key. */
    static final int KEY_WORDS = 4;

    /** Leading parts that give lookup keys. */
    static final int KEYED_PARTS = 4;

    PromptPattern {
        parts = List.copyOf(parts);
    }

    /** A prompt as a pattern. */
    static PromptPattern of(List<ConversationTurn> turns) {
        List<PromptPart> parts = new ArrayList<>(Math.min(turns.size(), MAX_PARTS));
        int words = 0;
        for (ConversationTurn turn : turns) {
            PromptPart part = PromptPart.of(turn.role(), turn.text());
            words += part.words();
            if (parts.size() < MAX_PARTS) {
                parts.add(part);
            }
        }
        return new PromptPattern(parts, false, words);
    }

    /** The words every prompt of the template has. */
    int fixed() {
        int fixed = 0;
        for (PromptPart part : parts) {
            fixed += part.fixed();
        }
        return fixed;
    }

    /**
     * The lookup keys: for each of the first {@value #KEYED_PARTS} parts, its first and its last
     * {@value #KEY_WORDS} words (when it has that many at that end), with the part's position and
     * role. A prompt that matches the pattern has every key of it whose words the match keeps.
     */
    long[] keys() {
        long[] keys = new long[2 * Math.min(KEYED_PARTS, parts.size())];
        int count = 0;
        for (int index = 0; index < parts.size() && index < KEYED_PARTS; index++) {
            PromptPart part = parts.get(index);
            if (part.head().length >= KEY_WORDS) {
                keys[count++] = key(index, part.role(), part.head(), 0, 'h');
            }
            int[] ending = part.ending();
            if (ending.length >= KEY_WORDS) {
                keys[count++] = key(index, part.role(), ending, ending.length - KEY_WORDS, 't');
            }
        }
        return java.util.Arrays.copyOf(keys, count);
    }

    private static long key(int index, String role, int[] words, int from, char end) {
        long key = 1469598103934665603L ^ (index * 31L + end) ^ ((long) role.hashCode() << 32);
        for (int i = from; i < from + KEY_WORDS; i++) {
            key = (key ^ words[i]) * 1099511628211L;
            key ^= key >>> 29;
        }
        return key;
    }
}
