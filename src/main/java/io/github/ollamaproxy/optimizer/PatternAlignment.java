package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a prompt lines up with a template's pattern, part by part: the words of each pattern part
 * the prompt keeps at the part's start and end, and the words it does not ({@code lost}: they
 * vary, so they would become a gap). One gap per part, as in templates with one slot, one
 * document or one question per message; finding it takes a common-prefix and a common-suffix
 * scan, so an alignment costs at most a few hundred word comparisons per part.
 *
 * @param pattern    the template's pattern
 * @param heads      per aligned part, how many of its first words the prompt has
 * @param tails      per aligned part, how many of its last words the prompt has
 * @param reshaped   per aligned part, whether it gets a gap (or a narrower one)
 * @param kept       pattern words the prompt has, in all
 * @param lost       pattern words the prompt does not have
 * @param bigChanges parts that lost more than a slot's worth of words
 * @param wholeParts parts among those that kept no more than a slot's worth (a label, a word in
 *                   common by chance): replaced rather than changed
 * @param mostlyVaried parts among those that lost more words than they kept
 * @param divergedAt the first part that lost more than a slot's worth of words (or the number of parts)
 * @param cleanSplit whether every part from there on kept no more than a slot's worth and had no
 *                   confirmed words: the conversation went another way from that part on
 * @param changed    whether the narrowed pattern differs from the pattern
 */
record PatternAlignment(PromptPattern pattern, int[] heads, int[] tails, boolean[] reshaped, int kept, int lost,
        int bigChanges, int wholeParts, int mostlyVaried, int divergedAt, boolean cleanSplit, boolean changed) {

    /** How a prompt relates to a template. */
    enum Verdict {
        /** Not a prompt of the template. */
        NONE,
        /** A prompt of the template; it does not tell which words vary. */
        WEAK,
        /** A prompt of the template that also shows which words vary. */
        STRONG
    }

    /**
     * Lines a prompt up with a pattern; null when their parts' roles differ. Extra parts of the
     * prompt after the pattern's are a conversation that went on; pattern parts after the prompt's
     * last one (an earlier turn of such a conversation) count as one part that changed entirely.
     */
    static PatternAlignment of(PromptPattern pattern, PromptPattern prompt, int slotWords) {
        List<PromptPart> parts = pattern.parts();
        int common = Math.min(parts.size(), prompt.parts().size());
        int kept = 0;
        int lost = 0;
        int bigChanges = 0;
        int wholeParts = 0;
        int mostlyVaried = 0;
        boolean changed = common < parts.size();
        int divergedAt = changed ? common : parts.size();
        boolean cleanSplit = true;
        if (changed) {
            for (PromptPart dropped : parts.subList(common, parts.size())) {
                lost += dropped.fixed();
            }
            bigChanges++;
            wholeParts++;
            mostlyVaried++;
        }
        int[] heads = new int[common];
        int[] tails = new int[common];
        boolean[] reshaped = new boolean[common];
        boolean[] keptSome = new boolean[common];
        for (int index = 0; index < common; index++) {
            PromptPart known = parts.get(index);
            PromptPart seen = prompt.parts().get(index);
            if (!known.role().equals(seen.role())) {
                return null;
            }
            int head = commonPrefix(known.head(), seen.head());
            int tailLimit = Math.min(known.open() ? Integer.MAX_VALUE : known.head().length - head,
                    seen.open() ? Integer.MAX_VALUE : seen.head().length - head);
            int tail = Math.min(commonSuffix(known.ending(), seen.ending()), tailLimit);
            int partLost = known.fixed() - head - tail;
            heads[index] = head;
            tails[index] = tail;
            kept += head + tail;
            lost += partLost;
            boolean confirmed = pattern.refined() && known.open() && known.fixed() > slotWords;
            keptSome[index] = head + tail > slotWords || confirmed;
            if (partLost > slotWords) {
                divergedAt = Math.min(divergedAt, index);
                bigChanges++;
                if (head + tail <= slotWords) {
                    wholeParts++;
                }
                if (partLost > head + tail) {
                    mostlyVaried++;
                }
            }
            boolean sameShape = !known.open() && !seen.open() && seen.head().length == known.head().length;
            reshaped[index] = partLost > 0 || !known.open() && !sameShape;
            changed |= reshaped[index];
        }
        for (int index = divergedAt; index < common; index++) {
            cleanSplit &= !keptSome[index];
        }
        return new PatternAlignment(pattern, heads, tails, reshaped, kept, lost, bigChanges, wholeParts, mostlyVaried,
                divergedAt, cleanSplit, changed);
    }

    /** The pattern that fits both the template's prompts and this one. */
    PromptPattern narrowed() {
        List<PromptPart> narrowed = new ArrayList<>(heads.length);
        for (int index = 0; index < heads.length; index++) {
            PromptPart known = pattern.parts().get(index);
            if (reshaped[index]) {
                int[] ending = known.ending();
                narrowed.add(new PromptPart(known.role(), Arrays.copyOf(known.head(), heads[index]),
                        Arrays.copyOfRange(ending, ending.length - tails[index], ending.length), true, known.words()));
            } else {
                narrowed.add(known);
            }
        }
        return new PromptPattern(narrowed, pattern.refined() || changed, pattern.words());
    }

    /** How many words of one part of the pattern the prompt has (none for a part it lacks). */
    int keptIn(int part) {
        return part < heads.length ? heads[part] + tails[part] : 0;
    }

    /**
     * Whether the prompt belongs to the template. A refined pattern (its varying words known) takes
     * prompts that keep all of it but a new slot ({@code slotWords}, or a fortieth of its words on
     * long patterns). A pattern made from one prompt cannot tell its fixed words from its varying
     * ones yet: it takes prompts whose differences are slots, or one part that changed while keeping
     * its start or end, when that part is the last one or mostly content (a document after
     * instructions, a question in a fixed frame); these also show
     * where the template varies, so the pattern is narrowed to what both prompts share. Either
     * pattern also takes, without learning from it, a conversation that keeps the template's first
     * parts and goes another way after them (another chat of the same application, another request
     * with the same tool definitions, the final question of few-shot messages), unless it drops words
     * the template has confirmed as fixed; and, while unrefined, a prompt with two changed parts that
     * are both mostly content (a context injected into the system prompt, then the question). An
     * earlier part, mostly fixed, that changed only at its end is another task with the same opening.
     */
    Verdict verdict(int minShared, int slotWords) {
        if (kept < minShared) {
            return Verdict.NONE;
        }
        boolean anotherWay = cleanSplit && divergedAt >= 1;
        if (pattern.refined()) {
            if (lost <= Math.max(slotWords, pattern.fixed() / 40)) {
                return Verdict.STRONG;
            }
            return anotherWay ? Verdict.WEAK : Verdict.NONE;
        }
        boolean oneContentChange = bigChanges == 1 && wholeParts == 0
                && (divergedAt == pattern.parts().size() - 1 || mostlyVaried == 1);
        if (bigChanges == 0 || oneContentChange) {
            return Verdict.STRONG;
        }
        if (anotherWay || bigChanges == 2 && wholeParts >= 1 && mostlyVaried == 2) {
            return Verdict.WEAK;
        }
        return Verdict.NONE;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int limit = Math.min(a.length, b.length);
        int i = 0;
        while (i < limit && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(int[] a, int[] b) {
        int limit = Math.min(a.length, b.length);
        int i = 0;
        while (i < limit && a[a.length - 1 - i] == b[b.length - 1 - i]) {
            i++;
        }
        return i;
    }
}
