package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.github.ollamaproxy.knowledge.Chunk;

/**
 * Which retrieved chunks become local sources: the usable ones in retrieval order, at most
 * {@code max}, and always the one with the highest confidence, which decided the action (when more
 * usable chunks rank above it than there is room for, it takes the last place).
 */
final class UsableChunks {

    private UsableChunks() {
    }

    static List<Chunk> choose(List<ChunkAssessment> assessments, Predicate<ChunkAssessment> usable, int max) {
        List<ChunkAssessment> candidates = assessments.stream().filter(usable).toList();
        if (candidates.isEmpty() || max <= 0) {
            return List.of();
        }
        ChunkAssessment deciding = candidates.stream().max(Comparator.comparingDouble(ChunkAssessment::confidence))
                .orElseThrow();
        List<ChunkAssessment> chosen = new ArrayList<>(candidates.subList(0, Math.min(max, candidates.size())));
        if (!chosen.contains(deciding)) {
            chosen.set(chosen.size() - 1, deciding);
        }
        return chosen.stream().map(assessment -> assessment.hit().chunk()).toList();
    }
}
