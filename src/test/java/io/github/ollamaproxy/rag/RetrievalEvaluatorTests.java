package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.knowledge.CorpusStatistics;
import io.github.ollamaproxy.knowledge.ScoredChunk;
import org.junit.jupiter.api.Test;

class RetrievalEvaluatorTests {

    private final RetrievalEvaluator evaluator = new RetrievalEvaluator(0.6, 0.35);

    /** 100 chunks of 10 terms on average; "proxi" is everywhere, "zebra" and "port" are rare. */
    private final CorpusStatistics statistics = new CorpusStatistics(100, 10,
            Map.of("proxi", 90, "zebra", 2, "port", 5, "gatewai", 3));

    @Test
    void aChunkWithEveryTermIsFullyCoveredAndConfident() {
        ChunkAssessment assessment = assess(Set.of("zebra", "port"), "The zebra gateway listens on port 4242.");

        assertThat(assessment.coverage()).isEqualTo(1.0);
        assertThat(assessment.bm25()).isCloseTo(1.0, within(0.01));
        assertThat(assessment.confidence()).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void rareTermsWeighMoreThanCommonOnes() {
        ChunkAssessment common = assess(Set.of("zebra", "proxi"), "The proxy proxies.");
        ChunkAssessment rare = assess(Set.of("zebra", "proxi"), "A zebra.");

        assertThat(common.coverage()).isLessThan(0.2);
        assertThat(rare.coverage()).isGreaterThan(0.8);
    }

    @Test
    void termsTheKnowledgeBaseHasNeverSeenMakeTheQuestionIncorrect() {
        CorpusStatistics withUnknown = new CorpusStatistics(100, 10, Map.of("proxi", 90, "capit", 0, "franc", 0));
        List<ChunkAssessment> assessments = evaluator.assess(Set.of("capit", "franc", "proxi"), withUnknown,
                List.of(hit("The proxy runs on port 11555.")));

        assertThat(assessments.get(0).confidence()).isLessThan(0.1);
        assertThat(evaluator.action(assessments)).isEqualTo(RagAction.INCORRECT);
    }

    @Test
    void theTwoThresholdsChooseTheAction() {
        assertThat(evaluator.action(List.of(withConfidence(0.6), withConfidence(0.1)))).isEqualTo(RagAction.CORRECT);
        assertThat(evaluator.action(List.of(withConfidence(0.59), withConfidence(0.35))))
                .isEqualTo(RagAction.AMBIGUOUS);
        assertThat(evaluator.action(List.of(withConfidence(0.34)))).isEqualTo(RagAction.INCORRECT);
        assertThat(evaluator.action(List.of())).isEqualTo(RagAction.INCORRECT);
    }

    @Test
    void chunksFarBelowTheBestAreNotUsed() {
        assertThat(evaluator.isUsable(withConfidence(0.4), 0.8)).isTrue();
        assertThat(evaluator.isUsable(withConfidence(0.39), 0.8)).isFalse();
        assertThat(evaluator.isUsable(withConfidence(0), 0)).isFalse();
    }

    @Test
    void theGradersVerdictMovesAChunkPastTheThresholdItDecides() {
        ChunkAssessment ambiguous = withConfidence(0.45);

        assertThat(evaluator.isAmbiguous(ambiguous)).isTrue();
        assertThat(ambiguous.graded(true, 0.6, 0.35).confidence()).isEqualTo(0.6);
        assertThat(ambiguous.graded(false, 0.6, 0.35).confidence()).isLessThan(0.35);
        assertThat(ambiguous.graded(false, 0.6, 0.35).grade()).isEqualTo(ChunkAssessment.Grade.IRRELEVANT);
    }

    @Test
    void denseSimilarityCanRaiseTheConfidenceButNotLowerIt() {
        ScoredChunk literal = new ScoredChunk(chunk("The zebra gateway listens on port 4242."), 1, 0.2);
        ScoredChunk paraphrase = new ScoredChunk(chunk("Striped traffic enters through 4242."), 1, 0.9);

        List<ChunkAssessment> assessments = evaluator.assess(Set.of("zebra", "port"), statistics,
                List.of(literal, paraphrase));

        assertThat(assessments.get(0).confidence()).isCloseTo(1.0, within(0.01));
        assertThat(assessments.get(1).confidence()).isCloseTo(0.45, within(0.01));
    }

    private ChunkAssessment assess(Set<String> terms, String text) {
        return evaluator.assess(terms, statistics, List.of(hit(text))).get(0);
    }

    private static ChunkAssessment withConfidence(double confidence) {
        return new ChunkAssessment(hit("text"), 1, confidence, confidence, confidence, ChunkAssessment.Grade.NONE);
    }

    private static ScoredChunk hit(String text) {
        return new ScoredChunk(chunk(text), 1, Double.NaN);
    }

    private static Chunk chunk(String text) {
        return new Chunk("a.md", "", List.of(), 0, text);
    }
}
