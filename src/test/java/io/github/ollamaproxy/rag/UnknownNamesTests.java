package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownNamesTests extends ShippedGuideTest {

    @Test
    void namesAreCapitalisedInsideASentenceOrMixLettersAndDigits() {
        assertThat(UnknownNames.names("How do I connect the proxy to Azure OpenAI? Can I use OAuth2 or a CPU flag?"))
                .containsExactly("Azure", "OpenAI", "OAuth2", "CPU");
        assertThat(UnknownNames.names("Where is the port set? I want to change it.")).isEmpty();
    }

    @Test
    void aQuestionNamingWhatTheGuideNeverMentionsHasAnUnknownName() {
        assertThat(UnknownNames.any("Does the proxy support the Anthropic Messages API?",
                fixture.knowledge().index())).isTrue();
        assertThat(UnknownNames.any("How do I connect the Ollama CLI to the proxy?", fixture.knowledge().index()))
                .isFalse();
    }

    @Test
    void anAmbiguousQuestionAboutAnUnknownProductIsAnsweredFromTheWeb() {
        RagOutcome outcome = fixture.rag().answer("How do I connect the proxy to Azure OpenAI instead of Ollama?");

        assertThat(outcome.action()).isEqualTo(RagAction.INCORRECT);
        assertThat(outcome.confidence()).isGreaterThanOrEqualTo(0.35);
    }
}
