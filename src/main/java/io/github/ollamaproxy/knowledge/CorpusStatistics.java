package io.github.ollamaproxy.knowledge;

import java.util.Map;

/**
 * The index-wide figures BM25 uses, for scoring text outside the index the way the index would.
 *
 * @param documents      chunks in the index
 * @param averageLength  average chunk length in terms
 * @param documentFreqs  for each asked term, the chunks that contain it
 */
public record CorpusStatistics(long documents, double averageLength, Map<String, Integer> documentFreqs) {

    /** Lucene's BM25 inverse document frequency of a term. */
    public double idf(String term) {
        int df = documentFreqs.getOrDefault(term, 0);
        return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    }
}
