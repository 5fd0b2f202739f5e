package io.github.ollamaproxy.servers;

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
        return choose(model, false).candidates();
    }

    /**
     * The candidates for a request naming {@code model}, best first, the best already holding the
     * request's place in its in-flight count ({@link Choice#reserved()}): ordering and counting in
     * one step, so that requests arriving together spread instead of all seeing the same least busy
     * server. Only model-bound choices among several servers reserve.
     */
    public Choice reserve(String model) {
        return choose(model, true);
    }

    @Override
    public OllamaServer best(String model) {
        return rank(model).get(0);
    }

    private Choice choose(String model, boolean reserve) {
        if (!servers.several()) {
            return new Choice(servers.all(), null);
        }
        if (model == null || model.isBlank()) {
            return new Choice(ServerRanking.firstAvailableFirst(servers.all()), null);
        }
        List<OllamaServer> having = catalog.serversWith(model);
        List<OllamaServer> eligible = having.isEmpty() ? servers.all() : having;
        Set<OllamaServer> loadedOn = having.stream().filter(server -> loaded.isLoaded(server, model))
                .collect(Collectors.toSet());
        if (!reserve) {
            return new Choice(ServerRanking.leastBusyFirst(eligible, loadedOn::contains), null);
        }
        synchronized (servers) {
            List<OllamaServer> order = ServerRanking.leastBusyFirst(eligible, loadedOn::contains);
            order.get(0).enter();
            return new Choice(order, order.get(0));
        }
    }

    /**
     * Candidate servers, best first.
     *
     * @param candidates the servers in order
     * @param reserved   the one whose in-flight count already holds the request, or {@code null}
     */
    public record Choice(List<OllamaServer> candidates, OllamaServer reserved) {
    }
}
