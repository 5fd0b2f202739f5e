package io.github.ollamaproxy.batch;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.ProxyException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * OpenAI's Batch API: {@code POST /v1/batches}, {@code GET /v1/batches} (paged with {@code limit}
 * and {@code after}), {@code GET /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel}. The
 * batches themselves run in the {@code llm-batches} route ({@link BatchRuns}).
 */
@Component("openAiBatches")
public class OpenAiBatches {

    /** The endpoints a batch may target. */
    static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings");

    private static final int MAX_LIMIT = 100;

    private final BatchStore batches;
    private final FileStore files;
    private final JsonCodec json;

    public OpenAiBatches(BatchStore batches, FileStore files, JsonCodec json) {
        this.batches = batches;
        this.files = files;
        this.json = json;
    }

    /** {@code POST /v1/batches}. */
    public void create(Exchange exchange) {
        ObjectNode request = json.readObject(exchange.getMessage().getBody(byte[].class));
        String inputFileId = text(request, "input_file_id");
        String endpoint = text(request, "endpoint");
        String window = text(request, "completion_window");
        if (!ENDPOINTS.contains(endpoint)) {
            throw new InvalidRequestException("'endpoint' must be one of /v1/chat/completions, /v1/completions, "
                    + "/v1/embeddings", "endpoint");
        }
        if (!"24h".equals(window)) {
            throw new InvalidRequestException("'completion_window' must be '24h'", "completion_window");
        }
        StoredFile input = files.find(inputFileId).filter(file -> OpenAiFiles.BATCH.equals(file.purpose()))
                .orElseThrow(() -> new InvalidRequestException("'input_file_id' " + inputFileId
                        + " is not a file uploaded with purpose 'batch'", "input_file_id"));
        JsonNode metadata = request.path("metadata");
        if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
            throw new InvalidRequestException("'metadata' must be an object", "metadata");
        }
        BatchHttp.respond(exchange, json, batches.create(input.id(), endpoint, window,
                metadata.isObject() ? (ObjectNode) metadata : null));
    }

    /** {@code GET /v1/batches/{id}}. */
    public void retrieve(Exchange exchange) {
        BatchHttp.respond(exchange, json, batches.require(BatchHttp.id(exchange)));
    }

    /** {@code GET /v1/batches?limit=&after=}: newest first. */
    public void list(Exchange exchange) {
        int limit = Math.max(1, Math.min(MAX_LIMIT, exchange.getMessage().getHeader("limit", 20, Integer.class)));
        String after = exchange.getMessage().getHeader("after", String.class);
        List<ObjectNode> all = batches.all();
        int start = 0;
        if (after != null) {
            start = all.stream().map(batch -> batch.path("id").asText()).toList().indexOf(after) + 1;
        }
        List<ObjectNode> page = all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
        ObjectNode list = json.newObject().put("object", "list");
        ArrayNode data = list.putArray("data");
        page.forEach(data::add);
        if (page.isEmpty()) {
            list.putNull("first_id");
            list.putNull("last_id");
        } else {
            list.put("first_id", page.get(0).path("id").asText()).put("last_id", page.get(page.size() - 1).path("id").asText());
        }
        list.put("has_more", start + page.size() < all.size());
        BatchHttp.respond(exchange, json, list);
    }

    /** {@code POST /v1/batches/{id}/cancel}: requests already running finish, no new one starts. */
    public void cancel(Exchange exchange) {
        String id = batches.require(BatchHttp.id(exchange)).path("id").asText();
        ObjectNode cancelled = batches.update(id, batch -> {
            String status = batch.path("status").asText();
            if (!BatchStore.UNFINISHED.contains(status)) {
                throw new ProxyException(new ApiError(409, "Cannot cancel a batch with status '" + status + "'.",
                        "batch_not_cancellable", null));
            }
            if (!"cancelling".equals(status)) {
                batch.put("status", "cancelling").put("cancelling_at", Instant.now().getEpochSecond());
            }
        });
        BatchHttp.respond(exchange, json, cancelled);
    }

    private static String text(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException("'" + field + "' is required", field);
        }
        return value.asText();
    }
}
