package io.github.ollamaproxy.models;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamException;
import io.github.ollamaproxy.web.RequestFields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Knows which models the upstream has (its {@code /api/tags} list, cached for
 * {@link ModelProperties#cacheTtl()}) and pulls a missing one before a request needs it. A model
 * missing from the cached list is looked up once more in a fresh list before it is pulled, so
 * models created or pulled behind the proxy's back are never pulled again.
 * Concurrent requests for the same missing model share one pull; the pull is streamed by Ollama so
 * that long downloads are not cut by the read timeout.
 */
@Component
public class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final String ALL = "installed";

    /**
     * How long a finished pull answers later requests for the same model, so that a request that
     * read the model list just before the pull ended does not pull again. Failed pulls are
     * forgotten at once, so the next request tries again.
     */
    private static final Duration RECENT_PULL = Duration.ofMinutes(1);

    private final UpstreamClient upstream;
    private final ModelProperties properties;
    private final AutoPullPolicy pullPolicy;
    private final LoadingCache<String, Set<String>> installed;
    private final AsyncCache<String, Boolean> pulls;
    private final Timer pullTimer;
    private final MeterRegistry registry;

    public ModelCatalog(UpstreamClient upstream, ModelProperties properties, MeterRegistry registry,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.upstream = upstream;
        this.properties = properties;
        this.pullPolicy = new AutoPullPolicy(properties.autoPullAllow());
        this.registry = registry;
        this.installed = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .recordStats()
                .build(key -> loadInstalled());
        this.pulls = Caffeine.newBuilder().expireAfterWrite(RECENT_PULL).executor(executor).buildAsync();
        this.pullTimer = Timer.builder("ollama.proxy.model.pulls").description("Automatic model pulls")
                .register(registry);
        CaffeineCacheMetrics.monitor(registry, installed, "ollama-proxy-models");
    }

    /**
     * Makes sure the upstream has the model, pulling it when it is missing and auto-pull is on.
     * When the model list cannot be read the check is skipped: the request itself will meet the
     * upstream problem and report it.
     *
     * @throws ModelNotFoundException when the name may not be pulled ({@link AutoPullPolicy}) or the pull fails
     */
    public void ensureAvailable(String model) {
        if (!properties.autoPull() || model == null || model.isBlank()) {
            return;
        }
        RequestFields.requireValidModelName(model);
        String canonical = ModelNames.canonical(model);
        try {
            if (installed.get(ALL).contains(canonical)) {
                return;
            }
            installed.invalidate(ALL);
            if (installed.get(ALL).contains(canonical)) {
                return;
            }
        } catch (UpstreamException e) {
            LOG.debug("Model list unavailable, skipping the check for {}: {}", model, e.getMessage());
            return;
        }
        if (!pullPolicy.allows(model)) {
            throw new ModelNotFoundException(model, "the proxy pulls only " + String.join(", ", pullPolicy.entries())
                    + " (ollama-proxy.models.auto-pull-allow)", false);
        }
        CompletableFuture<Boolean> pull = pulls.get(canonical, (key, executor) ->
                CompletableFuture.supplyAsync(() -> pull(model, canonical), executor));
        try {
            pull.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ModelNotFoundException(model, cause.getMessage(), true);
        }
    }

    /** Forgets the cached model list. */
    public void invalidate() {
        installed.invalidateAll();
    }

    private boolean pull(String model, String canonical) {
        LOG.info("Model {} is not installed upstream; pulling it", model);
        return pullTimer.record(() -> {
            try {
                upstream.postNdjson("/api/pull", upstream.newObject().put("model", model).put("stream", true),
                        progress -> LOG.debug("Pulling {}: {}", model, progress.path("status").asText()));
            } catch (UpstreamException e) {
                registry.counter("ollama.proxy.model.pull.failures").increment();
                LOG.warn("Pulling model {} failed: {}", model, e.getMessage());
                throw e;
            }
            installed.asMap().computeIfPresent(ALL, (key, names) -> with(names, canonical));
            LOG.info("Model {} pulled", model);
            return true;
        });
    }

    private Set<String> loadInstalled() {
        Set<String> names = new HashSet<>();
        for (JsonNode model : upstream.get("/api/tags").path("models")) {
            String name = model.path("name").asText(model.path("model").asText(""));
            if (!name.isEmpty()) {
                names.add(ModelNames.canonical(name));
            }
        }
        return Set.copyOf(names);
    }

    private static Set<String> with(Set<String> names, String name) {
        Set<String> copy = new HashSet<>(names);
        copy.add(name);
        return Set.copyOf(copy);
    }
}
