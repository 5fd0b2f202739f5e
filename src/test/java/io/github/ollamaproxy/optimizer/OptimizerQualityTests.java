package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The detection and window goals per shape of prompt on a smaller generated corpus than the
 * benchmark's ({@link OptimizerQualityBenchmark}), so that a regression fails the build.
 */
class OptimizerQualityTests {

    private final List<TemplateCorpus.Prompt> prompts = TemplateCorpus.prompts(7, 24, 6, 300);
    private final Map<TemplateCorpus.Shape, OptimizerQuality.Detection> figures =
            OptimizerQuality.detection(prompts, OptimizerProperties.defaults());

    @Test
    void everyShapeOfTemplateIsRecognisedAndKeptApart() {
        figures.forEach((shape, detection) -> {
            if (shape == TemplateCorpus.Shape.ONE_OFF || shape == TemplateCorpus.Shape.SHARED_SYSTEM_USER_TASK) {
                return;
            }
            assertThat(detection.recall()).as(shape.label).isGreaterThanOrEqualTo(0.95);
            assertThat(detection.precision()).as(shape.label).isGreaterThanOrEqualTo(0.98);
            assertThat(detection.templatesPerRealTemplate()).as(shape.label).isLessThanOrEqualTo(1.1);
        });
        assertThat(figures).containsKeys(TemplateCorpus.Shape.values());
    }

    @Test
    void oneOffPromptsAreNeverTakenForATemplate() {
        assertThat(figures.get(TemplateCorpus.Shape.ONE_OFF).falsePositives()).isZero();
    }

    @Test
    void tasksOpeningTheUserMessageBehindASharedSystemPromptMostlyStayApart() {
        OptimizerQuality.Detection shared = figures.get(TemplateCorpus.Shape.SHARED_SYSTEM_USER_TASK);

        assertThat(shared.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(shared.precision()).isGreaterThanOrEqualTo(0.8);
        assertThat(shared.templatesPerRealTemplate()).isBetween(0.75, 1.1);
    }

    @Test
    void learnedWindowsRarelyTruncateAndAllocateFarLessThanAFixedDefault() {
        OptimizerQuality.Workload workload = OptimizerQuality.workload(
                prompts.stream().filter(prompt -> prompt.template() >= 0).toList(), OptimizerProperties.defaults());

        assertThat(workload.truncationRateOptimized()).isLessThan(0.01);
        assertThat(workload.savedAllocation()).isGreaterThanOrEqualTo(0.5);
    }
}
