package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The detection and window goals on a smaller generated corpus than the benchmark's
 * ({@link OptimizerQualityBenchmark}), so that a regression fails the build.
 */
class OptimizerQualityTests {

    private final List<TemplateCorpus.Prompt> prompts = TemplateCorpus.standard(7).prompts(60, 15, 150);

    @Test
    void sameTemplateDecisionsArePreciseAndFindMostVariations() {
        OptimizerQuality.Detection detection = OptimizerQuality.detection(prompts, OptimizerProperties.defaults());

        assertThat(detection.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(detection.recall()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void longerMatchPrefixSeparatesTemplatesThatShareALongSystemPrompt() {
        List<TemplateCorpus.Prompt> shared = TemplateCorpus.sharedSystemPrompts(7).prompts(60, 15, 150);

        OptimizerQuality.Detection lenient = OptimizerQuality.detection(shared, OptimizerProperties.defaults());
        OptimizerQuality.Detection strict = OptimizerQuality.detection(shared, OptimizerProperties.withMatchPrefix(256));

        assertThat(lenient.precision()).isLessThan(0.9);
        assertThat(strict.precision()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void learnedWindowsRarelyTruncateAndAllocateFarLessThanAFixedDefault() {
        OptimizerQuality.Workload workload = OptimizerQuality.workload(
                prompts.stream().filter(prompt -> prompt.template() >= 0).toList(), OptimizerProperties.defaults());

        assertThat(workload.truncationRateOptimized()).isLessThan(0.01);
        assertThat(workload.savedAllocation()).isGreaterThanOrEqualTo(0.5);
    }
}
