package io.github.ollamaproxy.servers;

import java.util.List;

import io.github.ollamaproxy.models.ModelCatalog;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.ServerRanking;
import io.github.ollamaproxy.upstream.ServerSelector;
import org.springframework.stereotype.Component;

/**
 * Picks the Ollama servers a request may go to, best first. A request naming a model goes only to
 * servers that have it ({@link ModelCatalog}), those where it is loaded first ({@link LoadedModels}),
 * then by {@link ServerRanking#leastBusyFirst}; when no server is known to have it, every server is a
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
            return ServerRanking.firstAvailableFirst(servers.all());
        }
        List<OllamaServer> having = catalog.serversWith(model);
        if (having.isEmpty()) {
            return ServerRanking.leastBusyFirst(servers.all(), server -> false);
        }
        return ServerRanking.leastBusyFirst(having, server -> loaded.isLoaded(server, model));
    }

    @Override
    public OllamaServer best(String model) {
        return rank(model).get(0);
    }
}
