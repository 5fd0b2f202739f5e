package io.github.ollamaproxy.rag;

import io.github.ollamaproxy.knowledge.ScoredChunk;

/**
 * How relevant one retrieved chunk looks to the evaluator.
 *
 * @param hit        the chunk and its retrieval score
 * @param rank       its retrieval rank, from 1
 * @param coverage   the IDF-weighted share of the question's terms the chunk contains, 0 to 1
 * @param bm25       its BM25 score normalised to 0 to 1 (1: every term at least as present as one
 *                   occurrence in a chunk of average length)
 * @param confidence the combined confidence, 0 to 1
 * @param grade      the LLM grader's verdict, {@link Grade#NONE} when it was not asked
 */
public record ChunkAssessment(ScoredChunk hit, int rank, double coverage, double bm25, double confidence,
        Grade grade) {

    /** The LLM grader's verdict on a chunk. */
    public enum Grade {
        /** Not graded. */
        NONE,
        /** Graded relevant. */
        RELEVANT,
        /** Graded not relevant. */
        IRRELEVANT
    }

    /** This assessment with the grader's verdict, which moves the confidence past the threshold it decides. */
    ChunkAssessment graded(boolean relevant, double upperThreshold, double lowerThreshold) {
        double decided = relevant ? Math.max(confidence, upperThreshold)
                : Math.min(confidence, Math.nextDown(lowerThreshold));
        return new ChunkAssessment(hit, rank, coverage, bm25, Math.max(0, decided),
                relevant ? Grade.RELEVANT : Grade.IRRELEVANT);
    }
}
