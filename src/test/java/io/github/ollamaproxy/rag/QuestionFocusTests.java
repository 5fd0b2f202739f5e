package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a chatty message asks. */
class QuestionFocusTests {

    @Test
    void theAskingSentencesOfAChattyMessage() {
        assertThat(QuestionFocus.of("Hi there! I have been running the proxy for weeks and love it. "
                + "How do I change the port it listens on? Thanks a lot!"))
                .isEqualTo("How do I change the port it listens on?");
        assertThat(QuestionFocus.of("Two things. Where are templates kept? Can I delete one?"))
                .isEqualTo("Where are templates kept? Can I delete one?");
    }

    @Test
    void aSingleSentenceOrAMessageWithoutAQuestionMarkIsTakenWhole() {
        assertThat(QuestionFocus.of("How do I change the port?")).isEqualTo("How do I change the port?");
        assertThat(QuestionFocus.of("I need the port setting. It is for a deployment."))
                .isEqualTo("I need the port setting. It is for a deployment.");
        assertThat(QuestionFocus.of("max-connections")).isEqualTo("max-connections");
    }

    @Test
    void aQuestionTooShortToSayWhatItIsAboutTakesTheSentenceBefore() {
        assertThat(QuestionFocus.of("Hello. Replies come in one lump behind nginx. Why?"))
                .isEqualTo("Replies come in one lump behind nginx. Why?");
        assertThat(QuestionFocus.of("Thanks for the tool. It was scanned years ago. What is going on?"))
                .isEqualTo("It was scanned years ago. What is going on?");
    }
}
