package io.github.ollamaproxy.optimizer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The optimizer's meters: lookups by result ({@code match}, {@code miss}, {@code skipped}), their
 * time, templates learned and updated, the template count and the windows applied.
 */
final class OptimizerMetrics {

    private final Counter matches;
    private final Counter misses;
    private final Counter skipped;
    private final Counter learned;
    private final Counter updated;
    private final Timer lookup;
    private final DistributionSummary numCtx;

    OptimizerMetrics(MeterRegistry registry, TemplateRegistry templates) {
        matches = lookups(registry, "match");
        misses = lookups(registry, "miss");
        skipped = lookups(registry, "skipped");
        learned = Counter.builder("ollama.proxy.optimizer.learned").description("New templates learned")
                .register(registry);
        updated = Counter.builder("ollama.proxy.optimizer.updates").description("Answers observed for known templates")
                .register(registry);
        lookup = Timer.builder("ollama.proxy.optimizer.lookup").description("Fingerprinting and template lookup")
                .publishPercentiles(0.5, 0.99).register(registry);
        numCtx = DistributionSummary.builder("ollama.proxy.optimizer.num_ctx").description("Context windows applied")
                .baseUnit("tokens").publishPercentiles(0.5, 0.9, 0.99).register(registry);
        Gauge.builder("ollama.proxy.optimizer.templates", templates, TemplateRegistry::size)
                .description("Learned templates").register(registry);
    }

    void match() {
        matches.increment();
    }

    void miss() {
        misses.increment();
    }

    void skip() {
        skipped.increment();
    }

    void learned() {
        learned.increment();
    }

    void updated() {
        updated.increment();
    }

    Timer lookup() {
        return lookup;
    }

    void applied(int window) {
        numCtx.record(window);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("ollama.proxy.optimizer.lookups").description("Template lookups by result")
                .tag("result", result).register(registry);
    }
}
