package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Characters per token, learned per model from what Ollama counts. */
class TokenRatiosTests {

    private final TokenRatios ratios = new TokenRatios();

    @Test
    void aModelThatHasNotAnsweredCountsFourCharactersPerToken() {
        assertThat(ratios.ratio("m")).isEqualTo(4.0);
        assertThat(ratios.tokens("m", 1001)).isEqualTo(251);
    }

    @Test
    void theFirstAnswerSetsTheRatioAndLaterOnesMoveIt() {
        ratios.observe("dense", 2000, 1000);

        assertThat(ratios.ratio("dense")).isEqualTo(2.0);
        assertThat(ratios.tokens("dense", 1000)).isEqualTo(500);
        assertThat(ratios.ratio("other")).isEqualTo(4.0);
    }

    @Test
    void itMovesQuicklyTowardsMoreTokensAndSlowlyTowardsFewer() {
        ratios.observe("m", 4000, 1000);
        ratios.observe("m", 2000, 1000);
        assertThat(ratios.ratio("m")).isCloseTo(3.0, within(1e-9));

        ratios.observe("m", 5000, 1000);
        assertThat(ratios.ratio("m")).isCloseTo(3.2, within(1e-9));
    }

    @Test
    void implausibleAnswersAndShortPromptsTeachNothing() {
        ratios.observe("m", 10_000, 100);
        ratios.observe("m", 500, 1000);
        ratios.observe("m", 150, 10);
        ratios.observe("m", 1000, 0);

        assertThat(ratios.ratio("m")).isEqualTo(4.0);
    }
}
