package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval goals on the shipped knowledge base and its labelled questions, so that a change
 * that hurts retrieval or the evaluator fails the build (the figures are in docs/benchmarks.md).
 */
class RagEvaluationTests {

    @TempDir
    static Path data;

    private static RagFixture fixture;
    private static RagEvaluation.Result result;

    @BeforeAll
    static void evaluate() {
        fixture = new RagFixture(RagFixture.SHIPPED_KNOWLEDGE_BASE, data, RagFixture.defaults());
        result = RagEvaluation.evaluate(fixture.rag(), fixture.knowledge().index(), RagEvaluation.questions());
        result.mistakes().forEach(System.out::println);
        System.out.println(result);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void theEvaluationSetIsLargeEnough() {
        assertThat(result.answerable()).isGreaterThanOrEqualTo(135);
        assertThat(result.unanswerable()).isGreaterThanOrEqualTo(35);
        assertThat(result.styles().keySet()).contains("plain", "synonym", "chatty", "typo", "keywords", "confusable",
                "general", "near-domain");
    }

    @Test
    void everyStyleOfAnswerableQuestionGetsTheRightActionNineTimesInTen() {
        for (String style : new String[] {"plain", "synonym", "chatty", "typo", "keywords", "confusable"}) {
            assertThat(result.styles().get(style).actionRight()).as(style).isGreaterThanOrEqualTo(0.9);
            assertThat(result.styles().get(style).injectedAt5()).as(style).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void unanswerableQuestionsAreSentToTheWeb() {
        assertThat(result.styles().get("general").actionRight()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.styles().get("near-domain").actionRight()).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void theAnsweringFileIsAmongTheFirstFiveSources() {
        assertThat(result.bm25().hitAt5()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.pipeline().hitAt5()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theActionIsRightForNineQuestionsInTen() {
        assertThat(result.actionAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.unanswerableRight()).isGreaterThanOrEqualTo(0.8);
        assertThat(result.answerableRight()).isGreaterThanOrEqualTo(0.8);
    }
}
