package io.github.ollamaproxy.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.ollamaproxy.knowledge.TextAnalysis;

/**
 * What a chatty message asks: of a message of several sentences ("Hi! I love the proxy. How do I
 * change its port? Thanks!"), the sentences that end with a question mark; the greeting, the praise
 * and the thanks would only dilute the search and the relevance check. A question too short to say
 * what it is about ("Why?", "What is going on?", "How do I fix this?") takes the sentence before it
 * along. A message
 * without such a sentence, or with only one sentence, is taken whole.
 */
final class QuestionFocus {

    /** Words that ask without naming anything ("What is going on?", "How do I fix this?"). */
    private static final Set<String> VAGUE_WORDS = Set.of("going", "go", "goes", "happen", "happens", "happening",
            "happened", "wrong", "problem", "issue", "matter", "fix", "solve", "mean", "means", "work", "works");

    private QuestionFocus() {
    }

    static String of(String message) {
        List<String> sentences = sentences(message);
        if (sentences.size() < 2) {
            return message;
        }
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (sentence.endsWith("?")) {
                if (i > 0 && contentWords(sentence) == 0 && !asked.contains(sentences.get(i - 1))) {
                    asked.add(sentences.get(i - 1));
                }
                asked.add(sentence);
            }
        }
        return asked.isEmpty() ? message : String.join(" ", asked);
    }

    private static long contentWords(String sentence) {
        return Arrays.stream(sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_'-]+"))
                .filter(word -> !word.isEmpty() && !TextAnalysis.isStopWord(word) && !VAGUE_WORDS.contains(word))
                .count();
    }

    private static List<String> sentences(String text) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
