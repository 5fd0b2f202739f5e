package io.github.ollamaproxy.optimizer;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the optimizer's real matching, learning and window rules over a generated corpus, the way
 * requests reach it, and measures them.
 *
 * <p>Detection: each prompt is looked up and, without a match, learned. A match is a "same
 * template" decision, right when the matched template was learned from the same template.
 * Precision is right decisions over all decisions; recall is right decisions over the prompts
 * whose template had been seen before.
 *
 * <p>Workload: every prompt (of template traffic) is a request whose true need is its prompt plus
 * answer tokens. The
 * window is the optimizer's when it has one, else Ollama's default of 8192; an answer reports the
 * token counts Ollama would (the prompt cut to the window). Truncation means a window below the
 * true need; allocation is the sum of windows, compared with 8192 for every request.
 */
final class OptimizerQuality {

    static final int DEFAULT_WINDOW = 8192;
    static final String MODEL = "bench:latest";

    /** Detection figures. */
    record Detection(int truePositives, int falsePositives, int falseNegatives, int templatesLearned) {

        double precision() {
            return truePositives / (double) Math.max(1, truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) Math.max(1, truePositives + falseNegatives);
        }
    }

    /** Workload figures. */
    record Workload(int requests, int optimized, int truncatedOptimized, int truncatedOverall,
            int truncatedWithFixedDefault, long allocated, long allocatedWithFixedDefault) {

        double truncationRateOptimized() {
            return truncatedOptimized / (double) Math.max(1, optimized);
        }

        double truncationRateOverall() {
            return truncatedOverall / (double) requests;
        }

        double savedAllocation() {
            return 1 - allocated / (double) allocatedWithFixedDefault;
        }
    }

    private OptimizerQuality() {
    }

    static Detection detection(List<TemplateCorpus.Prompt> prompts, OptimizerProperties properties) {
        TemplateRegistry registry = new TemplateRegistry(properties);
        WindowPolicy policy = new WindowPolicy(properties);
        Map<Long, Integer> labels = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        for (TemplateCorpus.Prompt prompt : prompts) {
            Fingerprint fingerprint = SimHasher.fingerprint(prompt.text());
            if (fingerprint.tokens() < properties.minTokens()) {
                continue;
            }
            Optional<TemplateMatch> match = registry.find(MODEL, fingerprint);
            if (match.isPresent()) {
                if (labels.get(match.get().template().id()) == prompt.template()) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            } else {
                if (seen.contains(prompt.template())) {
                    falseNegatives++;
                }
                Template learned = registry.learn(MODEL, fingerprint, prompt.answerTokens(), false, Instant.now(),
                        extras -> policy.window(extras, prompt.promptTokens(), 0));
                labels.putIfAbsent(learned.id(), prompt.template());
            }
            seen.add(prompt.template());
        }
        return new Detection(truePositives, falsePositives, falseNegatives, registry.size());
    }

    static Workload workload(List<TemplateCorpus.Prompt> prompts, OptimizerProperties properties) {
        TemplateRegistry registry = new TemplateRegistry(properties);
        WindowPolicy policy = new WindowPolicy(properties);
        int optimized = 0;
        int truncatedOptimized = 0;
        int truncatedOverall = 0;
        int truncatedFixed = 0;
        long allocated = 0;
        for (TemplateCorpus.Prompt prompt : prompts) {
            int need = prompt.promptTokens() + prompt.answerTokens();
            int estimate = PromptOptimizer.estimateTokens(prompt.text());
            Fingerprint fingerprint = SimHasher.fingerprint(prompt.text());
            boolean usable = fingerprint.tokens() >= properties.minTokens();
            Optional<TemplateMatch> match = usable ? registry.find(MODEL, fingerprint) : Optional.empty();
            int window = DEFAULT_WINDOW;
            if (match.isPresent() && match.get().template().observations() >= properties.minObservations()) {
                window = policy.window(match.get().template().extras(), estimate, 0);
                optimized++;
                if (window < need) {
                    truncatedOptimized++;
                }
            }
            allocated += window;
            if (window < need) {
                truncatedOverall++;
            }
            if (DEFAULT_WINDOW < need) {
                truncatedFixed++;
            }
            if (!usable) {
                continue;
            }
            int promptEvalCount = Math.min(prompt.promptTokens(), window);
            int evalCount = Math.min(prompt.answerTokens(), Math.max(0, window - promptEvalCount));
            int extra = policy.need(promptEvalCount, evalCount, estimate, window) - estimate;
            boolean truncated = policy.filled(promptEvalCount + evalCount, window);
            TemplateRegistry.WindowSource windows = extras -> policy.window(extras, estimate, 0);
            if (match.isPresent()) {
                registry.observe(match.get().template(), extra, truncated, Instant.now(), windows);
            } else {
                registry.learn(MODEL, fingerprint, extra, truncated, Instant.now(), windows);
            }
        }
        return new Workload(prompts.size(), optimized, truncatedOptimized, truncatedOverall, truncatedFixed, allocated,
                (long) DEFAULT_WINDOW * prompts.size());
    }
}
