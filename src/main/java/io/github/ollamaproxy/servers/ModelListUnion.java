package io.github.ollamaproxy.servers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.models.ModelNames;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import io.github.ollamaproxy.web.ProxyException;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/tags} and {@code GET /api/ps} over several Ollama servers: every server is asked at
 * once, and each model appears once, as the first server listing it described it, with an extra
 * {@code servers} field naming every server that has it (tags) or has it loaded (ps). Servers that do
 * not answer within {@value #TIMEOUT_SECONDS} s are left out; when none answers the request fails with 502.
 */
@Component("modelListUnion")
public class ModelListUnion {

    /** The field added to each model: the names of the servers listing it. */
    public static final String SERVERS_FIELD = "servers";

    private static final long TIMEOUT_SECONDS = 10;

    private final OllamaServers servers;
    private final UpstreamClient upstream;
    private final JsonCodec json;
    private final TaskExecutor executor;

    public ModelListUnion(OllamaServers servers, UpstreamClient upstream, JsonCodec json,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.servers = servers;
        this.upstream = upstream;
        this.json = json;
        this.executor = executor;
    }

    /** The installed models of every server. */
    public void tags(Exchange exchange) {
        answer(exchange, "/api/tags");
    }

    /** The loaded models of every server. */
    public void ps(Exchange exchange) {
        answer(exchange, "/api/ps");
    }

    private void answer(Exchange exchange, String path) {
        List<CompletableFuture<ObjectNode>> calls = new ArrayList<>();
        for (OllamaServer server : servers.all()) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> upstream.at(server).get(path, Duration.ofSeconds(TIMEOUT_SECONDS)), executor));
        }
        Map<String, ObjectNode> models = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String name = servers.all().get(i).name();
            try {
                for (JsonNode model : calls.get(i).join().path("models")) {
                    if (model instanceof ObjectNode described) {
                        merge(models, described, name);
                    }
                }
            } catch (CompletionException e) {
                failures.add(name + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
            }
        }
        if (failures.size() == calls.size()) {
            throw new ProxyException(new ApiError(502, "no Ollama server answered " + path + ": "
                    + String.join("; ", failures), "upstream_unreachable", null));
        }
        ObjectNode answer = json.newObject();
        ArrayNode list = answer.putArray("models");
        models.values().forEach(list::add);
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(answer), Map.of());
    }

    private static void merge(Map<String, ObjectNode> models, ObjectNode model, String server) {
        String key = ModelNames.canonical(model.path("name").asText(model.path("model").asText("")));
        ObjectNode kept = models.computeIfAbsent(key, name -> {
            model.putArray(SERVERS_FIELD);
            return model;
        });
        ((ArrayNode) kept.get(SERVERS_FIELD)).add(server);
    }
}
