package io.github.ollamaproxy.servers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.ollamaproxy.models.ModelCatalog;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.ServerRanking;
import io.github.ollamaproxy.upstream.ServerSelector;
import org.springframework.stereotype.Component;

/**
 * Picks the Ollama servers a request may go to, best first. A request naming a model goes only to
 * servers that have it ({@link ModelCatalog}), those where it is loaded first ({@link LoadedModels}),
 * then by {@link ServerRanking#LEAST_BUSY}; when no server is known to have it, every server is a
 * candidate in that order. A request naming no model goes to the first server in service.
 */
@Component
public class ServerChooser implements ServerSelector {

    private final OllamaServers servers;
    private final ModelCatalog catalog;
    private final LoadedModels loaded;

    public ServerChooser(OllamaServers servers, ModelCatalog catalog, LoadedModels loaded) {
        this.servers = servers;
        this.catalog = catalog;
        this.loaded = loaded;
    }

    /** The candidates for a request naming {@code model} ({@code null} for none), best first. */
    public List<OllamaServer> rank(String model) {
        if (!servers.several()) {
            return servers.all();
        }
        if (model == null || model.isBlank()) {
            return sorted(servers.all(), ServerRanking.FIRST_AVAILABLE);
        }
        List<OllamaServer> having = catalog.serversWith(model);
        if (having.isEmpty()) {
            return sorted(servers.all(), ServerRanking.LEAST_BUSY);
        }
        Set<OllamaServer> loadedOn = having.stream().filter(server -> loaded.isLoaded(server, model))
                .collect(Collectors.toSet());
        Comparator<OllamaServer> loadedFirst = Comparator.comparing(OllamaServer::isTakenOut)
                .thenComparing(server -> !loadedOn.contains(server))
                .thenComparing(ServerRanking.LEAST_BUSY);
        return sorted(having, loadedFirst);
    }

    @Override
    public OllamaServer best(String model) {
        return rank(model).get(0);
    }

    private static List<OllamaServer> sorted(List<OllamaServer> candidates, Comparator<OllamaServer> order) {
        List<OllamaServer> list = new ArrayList<>(candidates);
        list.sort(order);
        return list;
    }
}
