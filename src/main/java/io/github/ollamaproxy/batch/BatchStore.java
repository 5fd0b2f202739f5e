package io.github.ollamaproxy.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;
import org.springframework.stereotype.Component;

/**
 * The batches, as OpenAI's batch objects, in memory and in the data folder
 * ({@code batch/batches/<id>.json}, rewritten whole on every change), so that a restarted proxy
 * knows every batch and resumes the unfinished ones.
 */
@Component
public class BatchStore {

    /** Statuses of a batch that still has work to do. */
    static final Set<String> UNFINISHED = Set.of("validating", "in_progress", "finalizing", "cancelling");

    private final Path folder;
    private final ObjectMapper json;
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();

    public BatchStore(DataFolder data, ObjectMapper json) {
        this.folder = data.resolve("batch/batches");
        this.json = json;
        load();
    }

    /** A new batch, {@code validating}. */
    public ObjectNode create(String inputFileId, String endpoint, String completionWindow, ObjectNode metadata) {
        long now = Instant.now().getEpochSecond();
        ObjectNode batch = json.createObjectNode()
                .put("id", "batch_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "batch")
                .put("endpoint", endpoint)
                .putNull("errors")
                .put("input_file_id", inputFileId)
                .put("completion_window", completionWindow)
                .put("status", "validating")
                .putNull("output_file_id")
                .putNull("error_file_id")
                .put("created_at", now);
        for (String field : List.of("in_progress_at", "finalizing_at", "completed_at", "failed_at", "expired_at",
                "cancelling_at", "cancelled_at")) {
            batch.putNull(field);
        }
        batch.put("expires_at", now + 24 * 3600);
        batch.putObject("request_counts").put("total", 0).put("completed", 0).put("failed", 0);
        batch.set("metadata", metadata);
        batches.put(batch.get("id").asText(), batch);
        save(batch);
        return batch.deepCopy();
    }

    public Optional<ObjectNode> find(String id) {
        ObjectNode batch = id == null ? null : batches.get(id);
        return Optional.ofNullable(batch).map(found -> {
            synchronized (found) {
                return found.deepCopy();
            }
        });
    }

    /** @throws ProxyException 404 in OpenAI's words when there is no such batch */
    public ObjectNode require(String id) {
        return find(id).orElseThrow(() -> new ProxyException(new ApiError(404, "No such Batch object: " + id,
                "batch_not_found", "batch_id")));
    }

    /** Every batch, newest first. */
    public List<ObjectNode> all() {
        return batches.values().stream().map(batch -> find(batch.get("id").asText()).orElseThrow())
                .sorted(Comparator.comparingLong((ObjectNode batch) -> batch.path("created_at").asLong())
                        .thenComparing(batch -> batch.path("id").asText()).reversed())
                .toList();
    }

    /** The oldest batch with work left, other than those given, if any. */
    public Optional<ObjectNode> nextUnfinished(Set<String> except) {
        return batches.entrySet().stream().filter(entry -> !except.contains(entry.getKey()))
                .filter(entry -> UNFINISHED.contains(statusOf(entry.getValue())))
                .min(Comparator.comparingLong(entry -> createdAt(entry.getValue())))
                .flatMap(entry -> find(entry.getKey()));
    }

    private static String statusOf(ObjectNode batch) {
        synchronized (batch) {
            return batch.path("status").asText();
        }
    }

    private static long createdAt(ObjectNode batch) {
        synchronized (batch) {
            return batch.path("created_at").asLong();
        }
    }

    /** Changes a batch and saves it; returns the new state. */
    public ObjectNode update(String id, Consumer<ObjectNode> change) {
        ObjectNode batch = batches.get(id);
        if (batch == null) {
            throw new IllegalStateException("no batch " + id);
        }
        synchronized (batch) {
            change.accept(batch);
            save(batch);
            return batch.deepCopy();
        }
    }

    Collection<String> ids() {
        return batches.keySet();
    }

    private void save(ObjectNode batch) {
        Path target = folder.resolve(batch.get("id").asText() + ".json");
        Path partial = folder.resolve(batch.get("id").asText() + ".json.part");
        try {
            json.writeValue(partial.toFile(), batch);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save batch " + batch.get("id").asText(), e);
        }
    }

    private void load() {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".json")).toList()) {
                ObjectNode batch = (ObjectNode) json.readTree(file.toFile());
                batches.put(batch.get("id").asText(), batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the batches in " + folder, e);
        }
    }
}
