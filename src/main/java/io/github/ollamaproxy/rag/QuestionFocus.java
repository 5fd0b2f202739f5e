package io.github.ollamaproxy.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chatty message asks: of a message of several sentences ("Hi! I love the proxy. How do I
 * change its port? Thanks!"), the sentences that end with a question mark; the greeting, the praise
 * and the thanks would only dilute the search and the relevance check. A message without such a
 * sentence, or with only one sentence, is taken whole.
 */
final class QuestionFocus {

    private QuestionFocus() {
    }

    static String of(String message) {
        List<String> sentences = sentences(message);
        if (sentences.size() < 2) {
            return message;
        }
        List<String> asked = sentences.stream().filter(sentence -> sentence.endsWith("?")).toList();
        return asked.isEmpty() ? message : String.join(" ", asked);
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
