package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How knowledge-base text and questions become search terms: English with Porter stemming, and a
 * stop list that adds question and filler words ("how", "do", "I", "can", "please") to Lucene's
 * English stop words, since questions are full of them and they say nothing about the topic.
 */
public final class TextAnalysis {

    private static final Set<String> QUESTION_WORDS = Set.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
            "do", "does", "did", "done", "can", "could", "should", "would", "shall", "may", "might", "must",
            "i", "me", "my", "mine", "you", "your", "yours", "we", "our", "us", "he", "she", "him", "her",
            "is", "am", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having",
            "it's", "its", "from", "about", "so", "than", "too", "very", "just", "also", "any", "some",
            "all", "each", "other", "more", "most", "own", "same", "here", "there", "up", "down", "out",
            "over", "under", "again", "once", "only", "both", "few", "nor", "off", "s", "t",
            "tell", "explain", "please", "want", "need", "get", "know", "thing", "things", "way",
            "use", "uses", "used", "using");

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final Analyzer ANALYZER = new EnglishAnalyzer(STOP_WORDS);

    private TextAnalysis() {
    }

    /** The analyzer of the knowledge index; thread-safe. */
    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** Whether a lower-case word is one retrieval ignores. */
    public static boolean isStopWord(String lowerCaseWord) {
        return STOP_WORDS.contains(lowerCaseWord);
    }

    /** The search terms of a text, in order, repeats kept. */
    public static List<String> terms(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(QUESTION_WORDS);
        return CharArraySet.unmodifiableSet(words);
    }
}
