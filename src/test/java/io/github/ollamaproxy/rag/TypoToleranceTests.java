package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Misspelt question words are read as the guide's words; correct words it does not use stay. */
class TypoToleranceTests extends ShippedGuideTest {

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
