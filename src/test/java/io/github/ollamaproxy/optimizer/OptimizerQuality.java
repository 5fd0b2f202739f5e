package io.github.ollamaproxy.optimizer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the optimizer's real matching, learning and window rules over a generated corpus, the way
 * requests reach it, and measures them per shape of prompt.
 *
 * <p>Detection: each prompt is looked up; with a match, the template observes it (and may narrow
 * its pattern, or split off a prompt it had taken weakly), without one it is learned. A match is a "same template" decision, right when the
 * matched template was learned from the same template. Precision is right decisions over all
 * decisions; recall is right decisions over the prompts whose template had been seen before;
 * templates per real template is templates learned over the templates that occurred.
 *
 * <p>Workload: every prompt (of template traffic) is a request whose true need is its prompt plus
 * answer tokens. The window is the optimizer's when it has one, else Ollama's default of 8192; an
 * answer reports the token counts Ollama would (the prompt cut to the window). Truncation means a
 * window below the true need; allocation is the sum of windows, compared with 8192 for every
 * request.
 */
final class OptimizerQuality {

    static final int DEFAULT_WINDOW = 8192;
    static final String MODEL = "bench:latest";

    /** Detection figures of one shape. */
    record Detection(int truePositives, int falsePositives, int falseNegatives, int templatesLearned,
            int realTemplates) {

        double precision() {
            return truePositives / (double) Math.max(1, truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) Math.max(1, truePositives + falseNegatives);
        }

        double templatesPerRealTemplate() {
            return templatesLearned / (double) Math.max(1, realTemplates);
        }

        Detection plus(Detection other) {
            return new Detection(truePositives + other.truePositives, falsePositives + other.falsePositives,
                    falseNegatives + other.falseNegatives, templatesLearned + other.templatesLearned,
                    realTemplates + other.realTemplates);
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

    /** Detection figures per shape, in one run over all the prompts. */
    static Map<TemplateCorpus.Shape, Detection> detection(List<TemplateCorpus.Prompt> prompts,
            OptimizerProperties properties) {
        TemplateRegistry registry = new TemplateRegistry(properties);
        WindowPolicy policy = new WindowPolicy(properties);
        Map<Long, TemplateCorpus.Prompt> origins = new HashMap<>();
        Map<PromptPattern, TemplateCorpus.Prompt> byPattern = new IdentityHashMap<>();
        Set<Integer> seen = new HashSet<>();
        Map<TemplateCorpus.Shape, int[]> counts = new EnumMap<>(TemplateCorpus.Shape.class);
        Map<TemplateCorpus.Shape, Set<Integer>> real = new EnumMap<>(TemplateCorpus.Shape.class);
        for (TemplateCorpus.Prompt prompt : prompts) {
            PromptPattern pattern = PromptPattern.of(prompt.turns());
            if (pattern.words() < properties.minTokens()) {
                continue;
            }
            byPattern.put(pattern, prompt);
            int[] count = counts.computeIfAbsent(prompt.shape(), shape -> new int[4]);
            real.computeIfAbsent(prompt.shape(), shape -> new HashSet<>()).add(prompt.template());
            Optional<TemplateMatch> match = registry.find(MODEL, pattern);
            TemplateRegistry.WindowSource windows = extras -> policy.window(extras, prompt.promptTokens(), 0);
            if (match.isPresent()) {
                count[origins.get(match.get().template().id()).template() == prompt.template() ? 0 : 1]++;
                registry.observe(match.get().template(), pattern, prompt.answerTokens(), false, Instant.now(), windows);
                if (registry.size() > origins.size()) {
                    for (TemplateState split : registry.list()) {
                        if (origins.putIfAbsent(split.id(), byPattern.get(split.pattern())) == null) {
                            counts.computeIfAbsent(byPattern.get(split.pattern()).shape(), shape -> new int[4])[3]++;
                        }
                    }
                }
            } else {
                if (seen.contains(prompt.template())) {
                    count[2]++;
                }
                Template learned = registry.learn(MODEL, pattern, prompt.answerTokens(), false, Instant.now(), windows);
                if (origins.putIfAbsent(learned.id(), prompt) == null) {
                    count[3]++;
                }
            }
            seen.add(prompt.template());
        }
        Map<TemplateCorpus.Shape, Detection> figures = new EnumMap<>(TemplateCorpus.Shape.class);
        counts.forEach((shape, count) -> figures.put(shape,
                new Detection(count[0], count[1], count[2], count[3], real.get(shape).size())));
        return figures;
    }

    /** The figures of every shape of recurring prompt together (one-off prompts left out). */
    static Detection templated(Map<TemplateCorpus.Shape, Detection> figures) {
        return figures.entrySet().stream().filter(entry -> entry.getKey() != TemplateCorpus.Shape.ONE_OFF)
                .map(Map.Entry::getValue).reduce(new Detection(0, 0, 0, 0, 0), Detection::plus);
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
            PromptPattern pattern = PromptPattern.of(prompt.turns());
            boolean usable = pattern.words() >= properties.minTokens();
            Optional<TemplateMatch> match = usable ? registry.find(MODEL, pattern) : Optional.empty();
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
                registry.observe(match.get().template(), pattern, extra, truncated, Instant.now(), windows);
            } else {
                registry.learn(MODEL, pattern, extra, truncated, Instant.now(), windows);
            }
        }
        return new Workload(prompts.size(), optimized, truncatedOptimized, truncatedOverall, truncatedFixed, allocated,
                (long) DEFAULT_WINDOW * prompts.size());
    }
}
