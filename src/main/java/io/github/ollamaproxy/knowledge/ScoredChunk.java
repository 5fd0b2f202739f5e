package io.github.ollamaproxy.knowledge;

/**
 * A chunk found by a search.
 *
 * @param chunk      the chunk
 * @param score      the search's score (BM25, or the fused reciprocal-rank score); only comparable
 *                   within one search
 * @param similarity cosine similarity between the chunk's vector and the question's, NaN when the
 *                   search had no vector or the chunk none
 */
public record ScoredChunk(Chunk chunk, double score, double similarity) {
}
