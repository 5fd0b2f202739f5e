package io.github.ollamaproxy.servers;

import java.time.Duration;

import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings servers their circuit breaker took out back into service: once a circuit has been open for
 * {@code open-for}, its breaker grants one call, and this probe makes it ({@code GET /api/version});
 * an answer closes the circuit, a failure opens it again. Run by the {@code upstream-probe} route.
 */
@Component("circuitProbe")
public class CircuitProbe {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitProbe.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final OllamaServers servers;
    private final UpstreamClient upstream;

    public CircuitProbe(OllamaServers servers, UpstreamClient upstream) {
        this.servers = servers;
        this.upstream = upstream;
    }

    /** Probes each taken-out server whose breaker allows a call now. */
    public void probe() {
        for (OllamaServer server : servers.all()) {
            if (server.isTakenOut() && server.tryAcquire()) {
                probe(server);
            }
        }
    }

    private void probe(OllamaServer server) {
        long start = System.nanoTime();
        try {
            upstream.at(server).get("/api/version", TIMEOUT);
            server.succeeded(System.nanoTime() - start);
            LOG.info("Ollama server {} answers again; circuit {}", server.name(), server.circuitState());
        } catch (UpstreamException e) {
            server.failed(System.nanoTime() - start, e, "probe");
            LOG.debug("Ollama server {} still failing: {}", server.name(), e.getMessage());
        }
    }
}
