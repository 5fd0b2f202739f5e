package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How text becomes search terms. */
class TextAnalysisTests {

    @Test
    void aSettingNameIsATermWholeAndItsWordsAreTermsToo() {
        assertThat(TextAnalysis.terms("content", "Set ollama-proxy.models.auto-pull to false."))
                .contains("ollama-proxy.models.auto-pul", "ollama", "proxi", "model", "auto", "pull", "fals")
                .doesNotContain("proxy.models.auto");
        assertThat(TextAnalysis.terms("content", "raise max-connections")).contains("max-connect", "max", "connect");
    }

    @Test
    void camelCaseNamesAreSplitAndKept() {
        assertThat(TextAnalysis.terms("content", "the maxConnections field")).contains("maxconnect", "max", "connect");
    }

    @Test
    void questionWordsAndPunctuationAreNotTerms() {
        assertThat(TextAnalysis.terms("content", "How do I change the port? (please)")).containsExactly("chang", "port");
    }
}
