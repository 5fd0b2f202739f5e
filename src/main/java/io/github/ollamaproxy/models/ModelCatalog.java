package io.github.ollamaproxy.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.ServerRanking;
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
 * Knows which models each Ollama server has (its {@code /api/tags} list, cached for
 * {@link ModelProperties#cacheTtl()}) and pulls a missing one before a request needs it. A model
 * missing from the cached lists is looked up once more in fresh lists before it is pulled, so
 * models created or pulled behind the proxy's back are never pulled again. A model no server has is
 * pulled on one server, the least busy in service ({@link ServerRanking#leastBusyFirst}).
 * Concurrent requests for the same missing model share one pull; the pull is streamed by Ollama so
 * that long downloads are not cut by the read timeout. A list that cannot be read counts as unknown
 * for {@value #UNREADABLE_SECONDS} s.
 */
@Component
public class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final long UNREADABLE_SECONDS = 2;

    /**
     * How long a finished pull answers later requests for the same model, so that a request that
     * read the model list just before the pull ended does not pull again. Failed pulls are
     * forgotten at once, so the next request tries again.
     */
    private static final Duration RECENT_PULL = Duration.ofMinutes(1);

    private final UpstreamClient upstream;
    private final OllamaServers servers;
    private final ModelProperties properties;
    private final AutoPullPolicy pullPolicy;
    private final LoadingCache<OllamaServer, InstalledModels> installed;
    private final AsyncCache<String, Boolean> pulls;
    private final Timer pullTimer;
    private final MeterRegistry registry;

    public ModelCatalog(UpstreamClient upstream, OllamaServers servers, ModelProperties properties,
            MeterRegistry registry, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.upstream = upstream;
        this.servers = servers;
        this.properties = properties;
        this.pullPolicy = new AutoPullPolicy(properties.autoPullAllow());
        this.registry = registry;
        this.installed = Caffeine.newBuilder()
                .expireAfter(Expiry.<OllamaServer, InstalledModels>writing((server, models) ->
                        models.readable() ? properties.cacheTtl() : Duration.ofSeconds(UNREADABLE_SECONDS)))
                .recordStats()
                .build(this::loadInstalled);
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
        if (!serversWith(model).isEmpty()) {
            return;
        }
        invalidate();
        if (!serversWith(model).isEmpty()) {
            return;
        }
        if (servers.all().stream().map(installed::get).noneMatch(InstalledModels::readable)) {
            LOG.debug("No model list readable, skipping the check for {}", model);
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

    /**
     * The servers whose model list names {@code model}, in configuration order; empty when none does
     * or no list could be read.
     */
    public List<OllamaServer> serversWith(String model) {
        String canonical = ModelNames.canonical(model);
        List<OllamaServer> having = new ArrayList<>();
        for (OllamaServer server : servers.all()) {
            if (installed.get(server).names().contains(canonical)) {
                having.add(server);
            }
        }
        return having;
    }

    /** Forgets the cached model lists. */
    public void invalidate() {
        installed.invalidateAll();
    }

    private boolean pull(String model, String canonical) {
        OllamaServer server = ServerRanking.leastBusyFirst(servers.all(), any -> false).get(0);
        LOG.info("Model {} is not installed on any Ollama server; pulling it on {}", model, server.name());
        return pullTimer.record(() -> {
            try {
                UpstreamClient target = upstream.at(server);
                target.postNdjson("/api/pull", target.newObject().put("model", model).put("stream", true),
                        progress -> LOG.debug("Pulling {}: {}", model, progress.path("status").asText()));
            } catch (UpstreamException e) {
                registry.counter("ollama.proxy.model.pull.failures").increment();
                LOG.warn("Pulling model {} failed: {}", model, e.getMessage());
                throw e;
            }
            installed.asMap().computeIfPresent(server, (key, models) -> models.with(canonical));
            LOG.info("Model {} pulled on {}", model, server.name());
            return true;
        });
    }

    private InstalledModels loadInstalled(OllamaServer server) {
        if (server.isTakenOut() && servers.several()) {
            return InstalledModels.UNREADABLE;
        }
        try {
            Set<String> names = new HashSet<>();
            for (JsonNode model : upstream.at(server).get("/api/tags").path("models")) {
                String name = model.path("name").asText(model.path("model").asText(""));
                if (!name.isEmpty()) {
                    names.add(ModelNames.canonical(name));
                }
            }
            return new InstalledModels(Set.copyOf(names), true);
        } catch (UpstreamException e) {
            LOG.debug("Model list of {} unavailable: {}", server, e.getMessage());
            return InstalledModels.UNREADABLE;
        }
    }

    /** A server's model list as last read; an unreadable one is empty. */
    private record InstalledModels(Set<String> names, boolean readable) {

        static final InstalledModels UNREADABLE = new InstalledModels(Set.of(), false);

        InstalledModels with(String name) {
            Set<String> copy = new HashSet<>(names);
            copy.add(name);
            return new InstalledModels(Set.copyOf(copy), readable);
        }
    }
}
