package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ollamaproxy.knowledge.CorpusStatistics;
import io.github.ollamaproxy.knowledge.ScoredChunk;
import io.github.ollamaproxy.knowledge.TextAnalysis;

/**
 * The fast retrieval evaluator: a confidence for each retrieved chunk without any LLM, and the
 * action for the question with two thresholds, as in CRAG (Yan et al. 2024) but lexical.
 *
 * <p>Per chunk, over the question's distinct terms weighted by their BM25 IDF in the index:
 * <em>coverage</em> is the weight of the terms the chunk contains; <em>bm25</em> is the chunk's BM25
 * term scores, each capped at the score of one occurrence in a chunk of average length, over their
 * maximum. The lexical confidence is their mean; with dense retrieval, the mean of that and the
 * cosine similarity when it is higher, so that a paraphrase can gain confidence but a literal match
 * does not lose any. Terms the knowledge base has never seen weigh most, which is what makes off-topic
 * questions score low. The question is Correct when a chunk reaches the upper threshold, Ambiguous
 * when one reaches the lower, Incorrect otherwise.
 */
public final class RetrievalEvaluator {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double RELATIVE_CUTOFF = 0.5;

    private final double upperThreshold;
    private final double lowerThreshold;

    public RetrievalEvaluator(double upperThreshold, double lowerThreshold) {
        this.upperThreshold = upperThreshold;
        this.lowerThreshold = lowerThreshold;
    }

    /** An assessment of each hit, in retrieval order. */
    public List<ChunkAssessment> assess(Set<String> terms, CorpusStatistics statistics, List<ScoredChunk> hits) {
        Map<String, Double> idf = new HashMap<>();
        double totalIdf = 0;
        for (String term : terms) {
            double weight = statistics.idf(term);
            idf.put(term, weight);
            totalIdf += weight;
        }
        List<ChunkAssessment> assessments = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            ScoredChunk hit = hits.get(i);
            assessments.add(assess(hit, i + 1, idf, totalIdf, statistics.averageLength()));
        }
        return assessments;
    }

    /** The action for a question whose chunks were assessed so. */
    public RagAction action(List<ChunkAssessment> assessments) {
        double best = best(assessments);
        if (best >= upperThreshold) {
            return RagAction.CORRECT;
        }
        return best >= lowerThreshold ? RagAction.AMBIGUOUS : RagAction.INCORRECT;
    }

    /** Whether a chunk falls between the thresholds. */
    public boolean isAmbiguous(ChunkAssessment assessment) {
        return assessment.confidence() >= lowerThreshold && assessment.confidence() < upperThreshold;
    }

    /**
     * Whether a chunk is relevant enough to be used, for a question whose action is not incorrect:
     * its confidence is at least half the best one of the question.
     */
    public boolean isUsable(ChunkAssessment assessment, double best) {
        return assessment.confidence() > 0 && assessment.confidence() >= best * RELATIVE_CUTOFF;
    }

    /** The highest confidence, 0 when nothing was retrieved. */
    public static double best(List<ChunkAssessment> assessments) {
        return assessments.stream().mapToDouble(ChunkAssessment::confidence).max().orElse(0);
    }

    double upperThreshold() {
        return upperThreshold;
    }

    double lowerThreshold() {
        return lowerThreshold;
    }

    private static ChunkAssessment assess(ScoredChunk hit, int rank, Map<String, Double> idf, double totalIdf,
            double averageLength) {
        if (totalIdf <= 0) {
            return new ChunkAssessment(hit, rank, 0, 0, 0, ChunkAssessment.Grade.NONE);
        }
        List<String> chunkTerms = TextAnalysis.terms("content", hit.chunk().searchableText());
        Map<String, Integer> frequencies = new HashMap<>();
        for (String term : chunkTerms) {
            if (idf.containsKey(term)) {
                frequencies.merge(term, 1, Integer::sum);
            }
        }
        double lengthNorm = averageLength > 0 ? 1 - B + B * chunkTerms.size() / averageLength : 1;
        double covered = 0;
        double scored = 0;
        for (Map.Entry<String, Integer> entry : frequencies.entrySet()) {
            double weight = idf.get(entry.getKey());
            int tf = entry.getValue();
            covered += weight;
            scored += weight * Math.min(1, tf * (K1 + 1) / (tf + K1 * lengthNorm));
        }
        double coverage = covered / totalIdf;
        double bm25 = scored / totalIdf;
        double lexical = (coverage + bm25) / 2;
        double confidence = Double.isNaN(hit.similarity()) ? lexical
                : Math.max(lexical, (lexical + Math.max(0, hit.similarity())) / 2);
        return new ChunkAssessment(hit, rank, coverage, bm25, confidence, ChunkAssessment.Grade.NONE);
    }
}
