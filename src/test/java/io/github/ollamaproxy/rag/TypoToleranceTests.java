package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misspelt question words are read as the guide's words; correct words it does not use stay. */
class TypoToleranceTests {

    @TempDir
    static Path data;

    private static RagFixture fixture;

    @BeforeAll
    static void index() {
        fixture = new RagFixture(RagFixture.SHIPPED_KNOWLEDGE_BASE, data, RagFixture.defaults());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void droppedAndSwappedLettersAreCorrected() {
        assertThat(fixture.knowledge().index().corrected(List.of("chnage", "agnet", "knowleg", "ngnix", "queu")))
                .containsExactly("chang", "agent", "knowledg", "nginx", "queue");
    }

    @Test
    void realWordsTheGuideDoesNotUseAreNotTurnedIntoOthers() {
        assertThat(fixture.knowledge().index().corrected(List.of("paint", "login", "speed", "chart", "german")))
                .containsExactly("paint", "login", "speed", "chart", "german");
    }

    @Test
    void aMisspeltQuestionFindsItsPage() {
        RagOutcome outcome = fixture.rag().answer("how do i chnage the proxys port?");

        assertThat(outcome.action()).isNotEqualTo(RagAction.INCORRECT);
        assertThat(outcome.sources().get(0).location()).startsWith("configuration.md");
    }
}
