package io.github.ollamaproxy.optimizer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code /opt} context-window optimizer.
 *
 * @param auto                 run on every chat and generate request, without {@code /opt}
 * @param autoModels           run on every request for these models (e.g. {@code llama3.2:latest})
 * @param minTokens            texts with fewer word tokens are neither matched nor learned
 * @param thresholds           largest Hamming distance (of 64 bits) that still matches, per resolution:
 *                             64, 128, 256, 512, 1024 tokens and the full text; the first is at most 3
 * @param matchPrefix          how many leading tokens (64, 128, 256, 512 or 1024) a prompt must share
 *                             with a template to match it (unless the whole texts match); raise it
 *                             when many different tasks share a long system prompt
 * @param minObservations      observations a template needs before its window is applied
 * @param percentile           the percentile of a template's recent needs the window covers
 * @param safetyMargin         factor on top of that percentile
 * @param bucket               windows are rounded up to a multiple of this (so Ollama does not reload
 *                             the model for small changes)
 * @param minWindow            smallest window ever applied
 * @param maxWindow            largest window when the model's own context length is unknown
 * @param recentNeeds          how many recent needs a template remembers
 * @param truncationGrowth     a response that filled its window counts as needing this much more
 * @param overrideClientNumCtx also replace a {@code num_ctx} the client set itself
 * @param fingerprintCacheSize prompts whose fingerprints are cached
 * @param matchCacheSize       prompts whose matching template (by id) is cached
 * @param cacheTtl             how long cache entries live after their last use
 * @param flushInterval        how often learned changes are written to the data folder
 * @param compactEvery         journal entries after which the store is rewritten as one snapshot
 */
@ConfigurationProperties("ollama-proxy.optimizer")
public record OptimizerProperties(
        @DefaultValue("false") boolean auto,
        @DefaultValue({}) List<String> autoModels,
        @DefaultValue("16") int minTokens,
        @DefaultValue({"3", "4", "6", "8", "12", "12"}) List<Integer> thresholds,
        @DefaultValue("64") int matchPrefix,
        @DefaultValue("1") int minObservations,
        @DefaultValue("95") int percentile,
        @DefaultValue("1.2") double safetyMargin,
        @DefaultValue("1024") int bucket,
        @DefaultValue("2048") int minWindow,
        @DefaultValue("131072") int maxWindow,
        @DefaultValue("32") int recentNeeds,
        @DefaultValue("2.0") double truncationGrowth,
        @DefaultValue("false") boolean overrideClientNumCtx,
        @DefaultValue("1000") int fingerprintCacheSize,
        @DefaultValue("10000") int matchCacheSize,
        @DefaultValue("1h") Duration cacheTtl,
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("10000") int compactEvery) {

    public OptimizerProperties {
        if (thresholds.size() != Resolution.COUNT) {
            throw new IllegalArgumentException("ollama-proxy.optimizer.thresholds needs " + Resolution.COUNT + " values");
        }
        if (thresholds.get(0) > TemplateIndex.MAX_PREFIX_DISTANCE) {
            throw new IllegalArgumentException("ollama-proxy.optimizer.thresholds[0] is at most "
                    + TemplateIndex.MAX_PREFIX_DISTANCE + ": the block index finds nothing farther");
        }
        if (Resolution.ALL.stream().noneMatch(resolution -> resolution.tokens() == matchPrefix)) {
            throw new IllegalArgumentException("ollama-proxy.optimizer.match-prefix is one of 64, 128, 256, 512, 1024");
        }
        if (percentile < 1 || percentile > 100 || safetyMargin < 1.0 || bucket < 1 || minWindow < 1
                || maxWindow < minWindow || recentNeeds < 1 || truncationGrowth < 1.0) {
            throw new IllegalArgumentException("invalid ollama-proxy.optimizer settings: " + this);
        }
    }

    /** How many resolutions (from the shortest) a match must agree on. */
    int matchLevels() {
        for (int level = 0; level < Resolution.COUNT; level++) {
            if (Resolution.ALL.get(level).tokens() == matchPrefix) {
                return level + 1;
            }
        }
        return 1;
    }

    /** The settings with their defaults, for tools and tests. */
    public static OptimizerProperties defaults() {
        return withMatchPrefix(64);
    }

    /** The defaults, with another {@code match-prefix}. */
    public static OptimizerProperties withMatchPrefix(int matchPrefix) {
        return new OptimizerProperties(false, List.of(), 16, List.of(3, 4, 6, 8, 12, 12), matchPrefix, 1, 95, 1.2, 1024, 2048,
                131072, 32, 2.0, false, 1000, 10000, Duration.ofHours(1), Duration.ofMillis(200), 10000);
    }
}
