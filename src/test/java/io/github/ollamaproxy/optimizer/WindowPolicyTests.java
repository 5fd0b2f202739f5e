package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowPolicyTests {

    private final WindowPolicy policy = new WindowPolicy(OptimizerProperties.defaults());

    @Test
    void windowIsThePromptPlusAHighPercentileOfExtrasTimesTheMarginRoundedUpToABucket() {
        int[] extras = new int[20];
        for (int i = 0; i < extras.length; i++) {
            extras[i] = 1000 + i * 100;
        }
        // p95 of 1000..2900 is 2800; (1000 + 2800) × 1.2 = 4560; next multiple of 1024 is 5120
        assertThat(policy.window(extras, 1000, 0)).isEqualTo(5120);
    }

    @Test
    void outliersBelowThePercentileDoNotShrinkIt() {
        int[] extras = {3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000,
            3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 100};
        assertThat(policy.window(extras, 0, 0)).isEqualTo(4096);
    }

    @Test
    void eachRequestGetsTheWindowItsOwnPromptNeeds() {
        int[] extras = {500, 500, 500};
        assertThat(policy.window(extras, 200, 0)).isEqualTo(2048);
        assertThat(policy.window(extras, 6000, 0)).isEqualTo(8192);
        assertThat(policy.window(new int[0], 3000, 0)).isEqualTo(4096);
        assertThat(policy.window(new int[] {-400}, 3000, 0)).isEqualTo(4096);
    }

    @Test
    void windowIsClampedBetweenTheMinimumAndTheModelsContextLength() {
        assertThat(policy.window(new int[] {100}, 0, 0)).isEqualTo(2048);
        assertThat(policy.window(new int[] {100_000}, 0, 32_768)).isEqualTo(32_768);
        assertThat(policy.window(new int[] {500_000}, 0, 0)).isEqualTo(131_072);
        assertThat(policy.window(new int[] {100}, 0, 1024)).isEqualTo(1024);
    }

    @Test
    void needCountsPromptAndAnswerWithTheEstimateAsFloor() {
        assertThat(policy.need(1500, 300, 1000, 0)).isEqualTo(1800);
        assertThat(policy.need(20, 300, 1000, 4096)).isEqualTo(1300);
    }

    @Test
    void answerThatFilledItsWindowGrowsTheNeed() {
        assertThat(policy.filled(2048, 2048)).isTrue();
        assertThat(policy.filled(1500, 2048)).isFalse();
        assertThat(policy.filled(5000, 0)).isFalse();
        assertThat(policy.need(1900, 148, 1000, 2048)).isEqualTo(4096);
    }
}
