package io.github.ollamaproxy.health;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /health}: asks the upstream for its version and model list, in parallel and within
 * {@link HealthProperties#timeout()}. Healthy (200) when the upstream answered; unhealthy (503)
 * when it is unreachable, failing or too slow.
 */
@Component("healthProbe")
public class HealthProbe {

    private final UpstreamClient upstream;
    private final JsonCodec json;
    private final HealthProperties properties;
    private final TaskExecutor executor;

    public HealthProbe(UpstreamClient upstream, JsonCodec json, HealthProperties properties,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.upstream = upstream;
        this.json = json;
        this.properties = properties;
        this.executor = executor;
    }

    public void check(Exchange exchange) {
        long start = System.nanoTime();
        CompletableFuture<ObjectNode> version = call("/api/version");
        CompletableFuture<ObjectNode> tags = call("/api/tags");
        ObjectNode body = json.newObject();
        ObjectNode details = json.newObject().put("upstream_url", upstream.baseUrl());
        int status;
        try {
            long budget = properties.timeout().toNanos();
            String upstreamVersion = version.get(budget, TimeUnit.NANOSECONDS).path("version").asText("");
            details.put("upstream_version", upstreamVersion);
            details.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            long left = Math.max(0, budget - (System.nanoTime() - start));
            details.put("model_count", tags.get(left, TimeUnit.NANOSECONDS).path("models").size());
            body.put("status", "healthy").put("proxy", "Ok").put("upstream", "Ok");
            status = 200;
        } catch (TimeoutException e) {
            status = unhealthy(body, details, "upstream did not answer within " + properties.timeout().toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            status = unhealthy(body, details, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = unhealthy(body, details, "interrupted");
        }
        if (status == 200 || !details.has("latency_ms")) {
            details.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        body.set("details", details);
        HttpResponses.respond(exchange.getMessage(), status, MediaTypes.JSON, json.write(body), Map.of());
    }

    private CompletableFuture<ObjectNode> call(String path) {
        return CompletableFuture.supplyAsync(() -> upstream.get(path, properties.timeout()), executor);
    }

    private static int unhealthy(ObjectNode body, ObjectNode details, String reason) {
        body.put("status", "unhealthy").put("proxy", "Ok").put("upstream", "error");
        details.put("error", reason);
        return 503;
    }
}
