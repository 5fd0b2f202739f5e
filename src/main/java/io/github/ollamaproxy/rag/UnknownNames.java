package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ollamaproxy.knowledge.CorpusStatistics;
import io.github.ollamaproxy.knowledge.KnowledgeIndex;
import io.github.ollamaproxy.knowledge.TextAnalysis;

/**
 * Names in a question that the knowledge base never mentions: words written with a capital inside a
 * sentence (Azure, Anthropic, Modelfile), in capitals (CPU) or with letters and digits (OAuth2),
 * none of whose search terms any chunk has. A question about a product or service the documents
 * never name is not answered by them, however many of its other words they share; the evaluator's
 * "ambiguous" becomes "incorrect" for it, so the web answers instead.
 */
final class UnknownNames {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.\\-]*[\\p{L}\\p{N}_]|[\\p{L}\\p{N}_]");
    private static final Pattern SENTENCE_END = Pattern.compile("[.?!:;]\\s*$");

    private UnknownNames() {
    }

    /** Whether the question names something the index has no term of. */
    static boolean any(String question, KnowledgeIndex index) {
        List<List<String>> names = names(question).stream().map(name -> TextAnalysis.terms("content", name))
                .filter(terms -> !terms.isEmpty()).toList();
        if (names.isEmpty()) {
            return false;
        }
        CorpusStatistics statistics = index.statistics(names.stream().flatMap(List::stream).toList());
        return names.stream().anyMatch(terms -> terms.stream()
                .allMatch(term -> statistics.documentFreqs().getOrDefault(term, 0) == 0));
    }

    /** The words of a question that are written as names, in order. */
    static List<String> names(String question) {
        List<String> names = new ArrayList<>();
        Matcher words = WORD.matcher(question);
        int previousEnd = 0;
        boolean sentenceStart = true;
        while (words.find()) {
            String between = question.substring(previousEnd, words.start());
            if (previousEnd > 0 && SENTENCE_END.matcher(between).find()) {
                sentenceStart = true;
            }
            String word = words.group();
            if (!sentenceStart && isName(word)) {
                names.add(word);
            }
            sentenceStart = false;
            previousEnd = words.end();
        }
        return names;
    }

    private static boolean isName(String word) {
        if (word.length() < 2) {
            return false;
        }
        boolean letters = word.chars().anyMatch(Character::isLetter);
        boolean digits = word.chars().anyMatch(Character::isDigit);
        return Character.isUpperCase(word.charAt(0)) || word.chars().skip(1).anyMatch(Character::isUpperCase)
                || letters && digits;
    }
}
