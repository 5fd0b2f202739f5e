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
 * @param minSharedWords       words a prompt must share with a template to match it
 * @param slotWords            the most words of one varying slot (a name, a title, a number) inside
 *                             text a template has fixed so far; a longer change is a different
 *                             template, unless it is the one part of the prompt that varies
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
 * @param patternCacheSize     prompts whose word patterns are cached
 * @param matchCacheSize       prompts whose matching template (by id) is cached
 * @param cacheTtl             how long cache entries live after their last use
 * @param flushInterval        how often learned changes are written to the data folder
 * @param compactEvery         journal entries after which the store is rewritten as one snapshot
 * @param maxTemplates         templates kept in all; beyond, the least recently used are forgotten
 */
@ConfigurationProperties("ollama-proxy.optimizer")
public record OptimizerProperties(
        @DefaultValue("false") boolean auto,
        @DefaultValue({}) List<String> autoModels,
        @DefaultValue("16") int minTokens,
        @DefaultValue("12") int minSharedWords,
        @DefaultValue("8") int slotWords,
        @DefaultValue("1") int minObservations,
        @DefaultValue("95") int percentile,
        @DefaultValue("1.2") double safetyMargin,
        @DefaultValue("1024") int bucket,
        @DefaultValue("2048") int minWindow,
        @DefaultValue("131072") int maxWindow,
        @DefaultValue("32") int recentNeeds,
        @DefaultValue("2.0") double truncationGrowth,
        @DefaultValue("false") boolean overrideClientNumCtx,
        @DefaultValue("1000") int patternCacheSize,
        @DefaultValue("10000") int matchCacheSize,
        @DefaultValue("1h") Duration cacheTtl,
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("10000") int compactEvery,
        @DefaultValue("20000") int maxTemplates) {

    public OptimizerProperties {
        if (maxTemplates < 1 || minSharedWords < 1 || slotWords < 0 || percentile < 1 || percentile > 100 || safetyMargin < 1.0
                || bucket < 1 || minWindow < 1 || maxWindow < minWindow || recentNeeds < 1 || truncationGrowth < 1.0) {
            throw new IllegalArgumentException("invalid ollama-proxy.optimizer settings: " + this);
        }
    }

    /** The settings with their defaults, for tools and tests. */
    public static OptimizerProperties defaults() {
        return new OptimizerProperties(false, List.of(), 16, 12, 8, 1, 95, 1.2, 1024, 2048,
                131072, 32, 2.0, false, 1000, 10000, Duration.ofHours(1), Duration.ofMillis(200), 10000, 20000);
    }
}
