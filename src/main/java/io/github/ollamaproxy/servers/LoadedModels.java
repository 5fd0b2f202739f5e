package io.github.ollamaproxy.servers;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.ollamaproxy.models.ModelNames;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.RoutingProperties;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which models each Ollama server has loaded in memory (its {@code /api/ps}), so that a request goes
 * where its model is already loaded instead of loading it on another GPU. A list older than
 * {@link RoutingProperties#loadedModelsTtl()} is served while it is read again in the background;
 * a model a server just answered with counts as loaded there at once. An unreadable list counts as empty.
 */
@Component
public class LoadedModels {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedModels.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int STALE_AFTER_REFRESHES = 12;

    private final UpstreamClient upstream;
    private final LoadingCache<OllamaServer, Set<String>> loaded;

    public LoadedModels(UpstreamClient upstream, RoutingProperties routing) {
        this.upstream = upstream;
        this.loaded = Caffeine.newBuilder()
                .refreshAfterWrite(routing.loadedModelsTtl())
                .expireAfterWrite(routing.loadedModelsTtl().multipliedBy(STALE_AFTER_REFRESHES))
                .build(this::read);
    }

    /** Whether {@code server} has {@code model} loaded, as far as the proxy knows. */
    public boolean isLoaded(OllamaServer server, String model) {
        return loaded.get(server).contains(ModelNames.canonical(model));
    }

    /** {@code server} just answered a request for {@code model}: Ollama has loaded it there. */
    public void markLoaded(OllamaServer server, String model) {
        String name = ModelNames.canonical(model);
        Set<String> known = loaded.getIfPresent(server);
        if (known != null && known.contains(name)) {
            return;
        }
        loaded.asMap().computeIfPresent(server, (key, names) -> {
            if (names.contains(name)) {
                return names;
            }
            Set<String> copy = new HashSet<>(names);
            copy.add(name);
            return Set.copyOf(copy);
        });
    }

    private Set<String> read(OllamaServer server) {
        if (server.isTakenOut()) {
            return Set.of();
        }
        try {
            Set<String> names = new HashSet<>();
            for (JsonNode model : upstream.at(server).get("/api/ps", READ_TIMEOUT).path("models")) {
                String name = model.path("name").asText(model.path("model").asText(""));
                if (!name.isEmpty()) {
                    names.add(ModelNames.canonical(name));
                }
            }
            return Set.copyOf(names);
        } catch (UpstreamException e) {
            LOG.debug("Loaded models of {} unavailable: {}", server, e.getMessage());
            return Set.of();
        }
    }
}
