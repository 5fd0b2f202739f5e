package io.github.ollamaproxy.optimizer;

import java.util.List;

/**
 * Template detection and window quality on the generated corpus, over several seeds: detection on
 * 200 templates × 20 variations plus 1000 unrelated prompts; the window workload on the template
 * traffic (the 4000 template prompts in the same shuffled order). Prints the figures for
 * {@code docs/benchmarks.md}.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.optimizer.OptimizerQualityBenchmark}
 */
public final class OptimizerQualityBenchmark {

    private OptimizerQualityBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("| Corpus | match-prefix | Seed | Prompts | Precision | Recall | Templates learned "
                + "| Template requests optimized | Truncated (optimized) | Truncated (all) | Truncated with fixed 8192 "
                + "| Context allocated vs fixed 8192 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (long seed : new long[] {1, 2, 3}) {
            row("standard", TemplateCorpus.standard(seed), 64, seed);
        }
        for (long seed : new long[] {1, 2, 3}) {
            for (int matchPrefix : new int[] {64, 128, 256}) {
                row("shared system prompts", TemplateCorpus.sharedSystemPrompts(seed), matchPrefix, seed);
            }
        }
    }

    private static void row(String name, TemplateCorpus corpus, int matchPrefix, long seed) {
        OptimizerProperties properties = OptimizerProperties.withMatchPrefix(matchPrefix);
        List<TemplateCorpus.Prompt> prompts = corpus.prompts(200, 20, 1000);
        OptimizerQuality.Detection detection = OptimizerQuality.detection(prompts, properties);
        OptimizerQuality.Workload workload = OptimizerQuality.workload(
                prompts.stream().filter(prompt -> prompt.template() >= 0).toList(), properties);
        System.out.printf("| %s | %d | %d | %d | %.4f | %.4f | %d | %d | %.2f %% | %.2f %% | %.2f %% | %.1f %% fewer |%n",
                name, matchPrefix, seed, prompts.size(), detection.precision(), detection.recall(),
                detection.templatesLearned(), workload.optimized(), 100 * workload.truncationRateOptimized(),
                100 * workload.truncationRateOverall(), 100.0 * workload.truncatedWithFixedDefault() / workload.requests(),
                100 * workload.savedAllocation());
    }
}
