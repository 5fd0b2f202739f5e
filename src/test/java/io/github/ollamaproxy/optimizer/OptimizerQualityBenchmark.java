package io.github.ollamaproxy.optimizer;

import java.util.List;
import java.util.Map;

/**
 * Template detection and window quality per shape of prompt on the generated corpus
 * ({@link TemplateCorpus}), over several seeds: 40 templates of every shape (and 40 that share
 * system prompts in groups of four) with 6 prompts each, and 600 one-off prompts, shuffled
 * together. Prints the rows for {@code docs/benchmarks.md}.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.optimizer.OptimizerQualityBenchmark}
 */
public final class OptimizerQualityBenchmark {

    private OptimizerQualityBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("| Seed | Shape | Prompts | Precision | Recall | Templates per real template |");
        System.out.println("|---|---|---|---|---|---|");
        for (long seed : new long[] {1, 2, 3}) {
            List<TemplateCorpus.Prompt> prompts = TemplateCorpus.prompts(seed, 40, 6, 600);
            Map<TemplateCorpus.Shape, OptimizerQuality.Detection> figures =
                    OptimizerQuality.detection(prompts, OptimizerProperties.defaults());
            figures.forEach((shape, detection) -> System.out.printf("| %d | %s | %d | %.3f | %.3f | %.2f |%n", seed,
                    shape.label, prompts.stream().filter(prompt -> prompt.shape() == shape).count(),
                    detection.precision(), detection.recall(), detection.templatesPerRealTemplate()));
            OptimizerQuality.Detection all = OptimizerQuality.templated(figures);
            System.out.printf("| %d | all recurring shapes | | %.3f | %.3f | %.2f |%n", seed, all.precision(),
                    all.recall(), all.templatesPerRealTemplate());
        }
        System.out.println();
        System.out.println("| Seed | Template requests | Optimized | Truncated (optimized) | Truncated (all) "
                + "| Truncated with fixed 8192 | Context allocated vs fixed 8192 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (long seed : new long[] {1, 2, 3}) {
            List<TemplateCorpus.Prompt> templated = TemplateCorpus.prompts(seed, 40, 6, 0);
            OptimizerQuality.Workload workload = OptimizerQuality.workload(templated, OptimizerProperties.defaults());
            System.out.printf("| %d | %d | %d | %.2f %% | %.2f %% | %.2f %% | %.1f %% fewer |%n", seed,
                    workload.requests(), workload.optimized(), 100 * workload.truncationRateOptimized(),
                    100 * workload.truncationRateOverall(),
                    100.0 * workload.truncatedWithFixedDefault() / workload.requests(), 100 * workload.savedAllocation());
        }
    }
}
