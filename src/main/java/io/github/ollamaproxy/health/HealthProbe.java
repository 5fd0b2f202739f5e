package io.github.ollamaproxy.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.upstream.UpstreamClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /health}: asks the upstream for its version and model list, in parallel and within
 * {@link HealthProperties#timeout()}. Healthy when the upstream answered; unhealthy when it is
 * unreachable, failing or too slow.
 */
@Component("healthProbe")
public class HealthProbe {

    private final UpstreamClient upstream;
    private final HealthProperties properties;
    private final TaskExecutor executor;

    public HealthProbe(UpstreamClient upstream, HealthProperties properties,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.upstream = upstream;
        this.properties = properties;
        this.executor = executor;
    }

    public HealthReport check() {
        long start = System.nanoTime();
        CompletableFuture<ObjectNode> version = call("/api/version");
        CompletableFuture<ObjectNode> tags = call("/api/tags");
        long budget = properties.timeout().toNanos();
        try {
            String upstreamVersion = version.get(budget, TimeUnit.NANOSECONDS).path("version").asText("");
            long left = Math.max(0, budget - (System.nanoTime() - start));
            int models = tags.get(left, TimeUnit.NANOSECONDS).path("models").size();
            return HealthReport.healthy(details(start, upstreamVersion, models, null));
        } catch (TimeoutException e) {
            return unhealthy(start, "upstream did not answer within " + properties.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return unhealthy(start, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unhealthy(start, "interrupted");
        }
    }

    private HealthReport unhealthy(long start, String reason) {
        return HealthReport.unhealthy(details(start, null, null, reason));
    }

    private HealthReport.Details details(long start, String version, Integer models, String error) {
        return new HealthReport.Details(upstream.baseUrl(), version,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), models, error);
    }

    private CompletableFuture<ObjectNode> call(String path) {
        return CompletableFuture.supplyAsync(() -> upstream.get(path, properties.timeout()), executor);
    }
}
