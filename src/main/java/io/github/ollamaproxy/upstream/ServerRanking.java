package io.github.ollamaproxy.upstream;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Orders servers for a request. {@link #leastBusyFirst}: servers in service before those their
 * circuit breaker took out, then those with the request's model loaded, then the least busy (requests
 * in flight through the proxy), then the one furthest below its weighted share of requests, then
 * configuration order. {@link #firstAvailableFirst}: in service first, then configuration order. Each
 * server's figures are read once, before sorting, since requests change them meanwhile.
 */
public final class ServerRanking {

    private static final Comparator<Standing> LEAST_BUSY = Comparator.comparing(Standing::takenOut)
            .thenComparing(standing -> !standing.loaded())
            .thenComparingInt(Standing::inFlight)
            .thenComparingDouble(Standing::servedShare)
            .thenComparingInt(standing -> standing.server().position());

    private static final Comparator<Standing> FIRST_AVAILABLE = Comparator.comparing(Standing::takenOut)
            .thenComparingInt(standing -> standing.server().position());

    private ServerRanking() {
    }

    /** {@code servers} best first for a request whose model is loaded where {@code loaded} says. */
    public static List<OllamaServer> leastBusyFirst(Collection<OllamaServer> servers, Predicate<OllamaServer> loaded) {
        return order(servers, loaded, LEAST_BUSY);
    }

    /** {@code servers} best first for a request naming no model. */
    public static List<OllamaServer> firstAvailableFirst(Collection<OllamaServer> servers) {
        return order(servers, server -> false, FIRST_AVAILABLE);
    }

    private static List<OllamaServer> order(Collection<OllamaServer> servers, Predicate<OllamaServer> loaded,
            Comparator<Standing> comparator) {
        return servers.stream()
                .map(server -> new Standing(server, server.isTakenOut(), loaded.test(server), server.inFlight(),
                        server.servedShare()))
                .sorted(comparator)
                .map(Standing::server)
                .toList();
    }

    /** A server's figures at the moment of a choice. */
    private record Standing(OllamaServer server, boolean takenOut, boolean loaded, int inFlight, double servedShare) {
    }
}
