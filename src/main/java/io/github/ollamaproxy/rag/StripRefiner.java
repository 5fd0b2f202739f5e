package io.github.ollamaproxy.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.ollamaproxy.knowledge.CorpusStatistics;
import io.github.ollamaproxy.knowledge.TextAnalysis;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Knowledge refinement, CRAG's decompose-then-recompose: each source passage is split into strips
 * of a few sentences ({@link BreakIterator}, within paragraphs, very short fragments joined to
 * their neighbour); each strip is scored against the question with BM25 over a one-document
 * Lucene {@link MemoryIndex} (terms weighted by their IDF in the knowledge base, the passage's
 * headings counted with it); the best strips are kept, in their original order.
 */
public final class StripRefiner {

    private static final String FIELD = "content";
    private static final int SHORT_FRAGMENT_WORDS = 4;

    private final int keep;
    private final int sentencesPerStrip;

    public StripRefiner(int keep, int sentencesPerStrip) {
        this.keep = keep;
        this.sentencesPerStrip = sentencesPerStrip;
    }

    /** A passage to refine: what it is about (title and headings) and its text. */
    public record Passage(String context, String text) {
    }

    /**
     * The strips worth keeping from these passages for a question, in passage order and then in
     * their order within the passage; strips that share no term with the question are never kept.
     */
    public List<Strip> refine(Set<String> terms, CorpusStatistics statistics, List<Passage> passages) {
        Query query = query(terms, statistics);
        List<Strip> scored = new ArrayList<>();
        for (int source = 0; source < passages.size(); source++) {
            Passage passage = passages.get(source);
            List<String> strips = strips(passage.text());
            for (int position = 0; position < strips.size(); position++) {
                double score = score(query, passage.context(), strips.get(position));
                if (score > 0) {
                    scored.add(new Strip(source, position, strips.get(position), score));
                }
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingDouble(Strip::score).reversed())
                .limit(keep)
                .sorted(Comparator.comparingInt(Strip::source).thenComparingInt(Strip::position))
                .toList();
    }

    /** The strips of a text: groups of sentences, never across paragraphs. */
    List<String> strips(String text) {
        List<String> strips = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            List<String> sentences = sentences(paragraph.strip());
            for (int start = 0; start < sentences.size(); start += sentencesPerStrip) {
                strips.add(String.join(" ", sentences.subList(start, Math.min(sentences.size(),
                        start + sentencesPerStrip))));
            }
        }
        return strips;
    }

    private static List<String> sentences(String paragraph) {
        List<String> sentences = new ArrayList<>();
        if (paragraph.isEmpty()) {
            return sentences;
        }
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        boundaries.setText(paragraph);
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (!sentences.isEmpty() && words(sentence) < SHORT_FRAGMENT_WORDS) {
                sentences.set(sentences.size() - 1, sentences.get(sentences.size() - 1) + " " + sentence);
            } else if (!sentences.isEmpty() && words(sentences.get(sentences.size() - 1)) < SHORT_FRAGMENT_WORDS) {
                sentences.set(sentences.size() - 1, sentences.get(sentences.size() - 1) + " " + sentence);
            } else {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    private static Query query(Set<String> terms, CorpusStatistics statistics) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new BoostQuery(new TermQuery(new Term(FIELD, term)), (float) statistics.idf(term)),
                    BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    private static double score(Query query, String context, String strip) {
        MemoryIndex index = new MemoryIndex();
        index.addField(FIELD, context + "\n" + strip, TextAnalysis.analyzer());
        return index.search(query);
    }
}
