package io.github.ollamaproxy.upstream;

import java.util.Comparator;

/**
 * Orders servers for a request: servers in service before those their circuit breaker took out,
 * then the least busy (requests in flight through the proxy), then the one furthest below its
 * weighted share of requests, then configuration order.
 */
public final class ServerRanking {

    /** In service first, then least busy, then weights, then configuration order. */
    public static final Comparator<OllamaServer> LEAST_BUSY = Comparator
            .comparing(OllamaServer::isTakenOut)
            .thenComparingInt(OllamaServer::inFlight)
            .thenComparingDouble(OllamaServer::servedShare)
            .thenComparingInt(OllamaServer::position);

    /** In service first, then configuration order: for requests that name no model. */
    public static final Comparator<OllamaServer> FIRST_AVAILABLE = Comparator
            .comparing(OllamaServer::isTakenOut)
            .thenComparingInt(OllamaServer::position);

    private ServerRanking() {
    }
}
