package io.github.ollamaproxy.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.UpstreamClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /health}: asks every Ollama server for its version and model list, all in parallel and
 * within {@link HealthProperties#timeout()}. A server is healthy when it answered; the proxy is
 * healthy when at least one server is.
 */
@Component("healthProbe")
public class HealthProbe {

    private final UpstreamClient upstream;
    private final OllamaServers servers;
    private final HealthProperties properties;
    private final TaskExecutor executor;

    public HealthProbe(UpstreamClient upstream, OllamaServers servers, HealthProperties properties,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.upstream = upstream;
        this.servers = servers;
        this.properties = properties;
        this.executor = executor;
    }

    public HealthReport check() {
        List<CompletableFuture<HealthReport.Details>> checks = new ArrayList<>();
        for (OllamaServer server : servers.all()) {
            checks.add(CompletableFuture.supplyAsync(() -> check(server), executor));
        }
        return HealthReport.of(checks.stream().map(CompletableFuture::join).toList());
    }

    private HealthReport.Details check(OllamaServer server) {
        long start = System.nanoTime();
        UpstreamClient client = upstream.at(server);
        CompletableFuture<ObjectNode> version = call(client, "/api/version");
        CompletableFuture<ObjectNode> tags = call(client, "/api/tags");
        long budget = properties.timeout().toNanos();
        try {
            String upstreamVersion = version.get(budget, TimeUnit.NANOSECONDS).path("version").asText("");
            long left = Math.max(0, budget - (System.nanoTime() - start));
            int models = tags.get(left, TimeUnit.NANOSECONDS).path("models").size();
            return details(server, start, upstreamVersion, models, null);
        } catch (TimeoutException e) {
            return details(server, start, null, null, "upstream did not answer within "
                    + properties.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return details(server, start, null, null, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return details(server, start, null, null, "interrupted");
        }
    }

    private static HealthReport.Details details(OllamaServer server, long start, String version, Integer models,
            String error) {
        return new HealthReport.Details(server.name(), server.baseUri().toString(), version,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), models, server.circuitState(),
                server.inFlight(), error);
    }

    private CompletableFuture<ObjectNode> call(UpstreamClient client, String path) {
        return CompletableFuture.supplyAsync(() -> client.get(path, properties.timeout()), executor);
    }
}
