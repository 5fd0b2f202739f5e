package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.knowledge.ScoredChunk;
import org.junit.jupiter.api.Test;

/** Which retrieved chunks become sources. */
class UsableChunksTests {

    @Test
    void theChunkThatDecidedTheActionIsAlwaysASourceEvenWhenItRanksLow() {
        List<ChunkAssessment> retrieved = assessments(0.6, 0.55, 0.5, 0.5, 0.52, 0.9);

        List<Chunk> chosen = UsableChunks.choose(retrieved, assessment -> assessment.confidence() >= 0.45, 4);

        assertThat(chosen).extracting(Chunk::path).containsExactly("page-0.md", "page-1.md", "page-2.md", "page-5.md");
    }

    @Test
    void otherwiseTheUsableOnesInRetrievalOrderUpToTheLimit() {
        List<ChunkAssessment> retrieved = assessments(0.9, 0.2, 0.6, 0.5, 0.7);

        List<Chunk> chosen = UsableChunks.choose(retrieved, assessment -> assessment.confidence() >= 0.45, 3);

        assertThat(chosen).extracting(Chunk::path).containsExactly("page-0.md", "page-2.md", "page-3.md");
    }

    @Test
    void nothingUsableIsNoSource() {
        assertThat(UsableChunks.choose(assessments(0.1, 0.2), assessment -> assessment.confidence() >= 0.45, 4)).isEmpty();
    }

    private static List<ChunkAssessment> assessments(double... confidences) {
        return IntStream.range(0, confidences.length).mapToObj(rank -> new ChunkAssessment(
                new ScoredChunk(new Chunk("page-" + rank + ".md", "Page " + rank, List.of("Section"), 0, "text"), 1.0, 0.0),
                rank, 0.5, 1.0, confidences[rank], ChunkAssessment.Grade.NONE)).toList();
    }
}
