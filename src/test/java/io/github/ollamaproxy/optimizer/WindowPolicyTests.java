package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowPolicyTests {

    private final WindowPolicy policy = new WindowPolicy(OptimizerProperties.defaults());

    @Test
    void windowIsAHighPercentileTimesTheMarginRoundedUpToABucket() {
        int[] needs = new int[20];
        for (int i = 0; i < needs.length; i++) {
            needs[i] = 2000 + i * 100;
        }
        // p95 of 2000..3900 is 3800; × 1.2 = 4560; next multiple of 1024 is 5120
        assertThat(policy.window(needs, 0)).isEqualTo(5120);
    }

    @Test
    void outliersBelowThePercentileDoNotShrinkIt() {
        int[] needs = {3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000,
            3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 100};
        assertThat(policy.window(needs, 0)).isEqualTo(4096);
    }

    @Test
    void windowIsClampedBetweenTheMinimumAndTheModelsContextLength() {
        assertThat(policy.window(new int[] {100}, 0)).isEqualTo(2048);
        assertThat(policy.window(new int[] {100_000}, 32_768)).isEqualTo(32_768);
        assertThat(policy.window(new int[] {500_000}, 0)).isEqualTo(131_072);
        assertThat(policy.window(new int[] {100}, 1024)).isEqualTo(1024);
    }

    @Test
    void requestWindowIsNeverBelowWhatThisPromptNeeds() {
        assertThat(policy.forRequest(2048, 100, 8192)).isEqualTo(2048);
        assertThat(policy.forRequest(2048, 3000, 8192)).isEqualTo(4096);
        assertThat(policy.forRequest(2048, 10_000, 8192)).isEqualTo(8192);
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
