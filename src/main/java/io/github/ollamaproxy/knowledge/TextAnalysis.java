package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How knowledge-base text and questions become search terms: words, and names made of words joined
 * by dots and dashes ({@code ollama-proxy.models.auto-pull}, {@code max-connections}) kept whole as
 * well as split into their words (and camelCase ones into theirs), so that a question naming a
 * setting finds it whole and a question using its words finds it too; then English Porter stemming
 * and a stop list that adds question and filler words ("how", "do", "I", "can", "please") to
 * Lucene's English stop words, since questions are full of them and they say nothing about the
 * topic.
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

    /** A word, or words joined by dots and dashes. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+(?:[.\\-][\\p{L}\\p{N}_]+)*");

    private static final int NAME_PARTS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer words = new PatternTokenizer(TOKEN, 0);
            TokenStream terms = new FlattenGraphFilter(new WordDelimiterGraphFilter(words, NAME_PARTS, null));
            terms = new PorterStemFilter(new StopFilter(new LowerCaseFilter(terms), STOP_WORDS));
            return new TokenStreamComponents(words, terms);
        }
    };

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

    /**
     * The analyzer of questions: the index's, with the synonym rules applied to the lower-case words
     * before stop words and stemming ({@link QuestionVocabulary}).
     */
    static Analyzer questionAnalyzer(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new PatternTokenizer(TOKEN, 0);
                TokenStream terms = new FlattenGraphFilter(new WordDelimiterGraphFilter(words, NAME_PARTS, null));
                terms = new FlattenGraphFilter(new SynonymGraphFilter(new LowerCaseFilter(terms), synonyms, true));
                terms = new PorterStemFilter(new StopFilter(terms, STOP_WORDS));
                return new TokenStreamComponents(words, terms);
            }
        };
    }

    /** The analyzer of synonym rules: lower-case words and names, as questions have them before stemming. */
    static Analyzer ruleAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new PatternTokenizer(TOKEN, 0);
                return new TokenStreamComponents(words, new LowerCaseFilter(words));
            }
        };
    }

    /** The search terms of a text, in order, repeats kept. */
    public static List<String> terms(String field, String text) {
        return terms(ANALYZER, field, text);
    }

    /** The terms an analyzer makes of a text, in order, repeats kept. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
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
