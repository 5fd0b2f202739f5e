package io.github.ollamaproxy.optimizer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the learned templates in a folder, crash-safely, without slowing anything down.
 *
 * <p>Two files: {@value #SNAPSHOT}, every template as of one change number, replaced atomically
 * (written beside, forced to disk, then renamed over); and {@value #JOURNAL}, the changes since,
 * one JSON line each, appended in batches by a background thread every flush interval and forced
 * to disk. A start loads the snapshot and replays the journal entries numbered after it; a line
 * cut short by a crash is skipped. After {@code compactEvery} journal entries (and at shutdown) the
 * snapshot is rewritten and the journal emptied; if a crash falls between the two, the old entries
 * are skipped by their numbers. Whatever instant the process is killed, the files stay readable
 * and at most the last unflushed interval of learning is lost.
 */
public final class TemplateStore implements AutoCloseable {

    static final String SNAPSHOT = "templates.snapshot.ndjson";
    static final String JOURNAL = "templates.journal.ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(TemplateStore.class);
    private static final int VERSION = 2;

    private final Path folder;
    private final TemplateRegistry registry;
    private final int compactEvery;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentLinkedQueue<TemplateEvent> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer;
    private FileChannel journal;
    private int journalEntries;

    /**
     * Loads what the folder holds into the registry, then journals the registry's changes.
     */
    public TemplateStore(Path folder, TemplateRegistry registry, Duration flushInterval, int compactEvery) {
        this.folder = folder;
        this.registry = registry;
        this.compactEvery = compactEvery;
        try {
            Files.createDirectories(folder);
            load();
            journal = FileChannel.open(folder.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the optimizer store in " + folder, e);
        }
        if (journalEntries > 0) {
            compact();
        }
        registry.journalTo(pending::add);
        writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "optimizer-store");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::flushQuietly, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Writes what is pending now (normally done every flush interval). */
    public synchronized void flush() {
        List<TemplateEvent> batch = new ArrayList<>();
        for (TemplateEvent event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (TemplateEvent event : batch) {
            lines.append(encode(event)).append('\n');
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            journal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the optimizer journal", e);
        }
        journalEntries += batch.size();
        if (journalEntries >= compactEvery) {
            compact();
        }
    }

    /** Rewrites the snapshot with everything learned so far and empties the journal. */
    public synchronized void compact() {
        Path snapshot = folder.resolve(SNAPSHOT);
        Path next = folder.resolve(SNAPSHOT + ".next");
        registry.snapshot((lastSeq, nextId, templates) -> {
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                         StandardCharsets.UTF_8))) {
                out.write(json.writeValueAsString(json.createObjectNode().put("version", VERSION)
                        .put("seq", lastSeq).put("nextId", nextId)));
                out.newLine();
                for (TemplateState template : templates) {
                    out.write(encode(template).toString());
                    out.newLine();
                }
                out.flush();
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the optimizer snapshot", e);
            }
        });
        try {
            move(next, snapshot);
            journal.truncate(0);
            journal.force(true);
            journalEntries = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the optimizer snapshot", e);
        }
    }

    @Override
    public synchronized void close() {
        writer.shutdown();
        try {
            flush();
            compact();
            journal.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the optimizer store: {}", e.toString());
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Optimizer store: {}", e.getMessage());
        }
    }

    private void load() throws IOException {
        long snapshotSeq = 0;
        Path snapshot = folder.resolve(SNAPSHOT);
        if (Files.exists(snapshot)) {
            try (BufferedReader reader = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
                JsonNode header = json.readTree(reader.readLine());
                snapshotSeq = header.path("seq").asLong();
                registry.restoreCounters(snapshotSeq, header.path("nextId").asLong(1));
                if (header.path("version").asInt() < VERSION) {
                    LOG.info("Optimizer store {}: templates of an earlier version (SimHash fingerprints) are "
                            + "relearned", folder);
                } else {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        registry.restore(decodeTemplate(json.readTree(line)));
                    }
                }
            }
        }
        Path journalFile = folder.resolve(JOURNAL);
        int replayed = 0;
        if (Files.exists(journalFile)) {
            try (BufferedReader reader = Files.newBufferedReader(journalFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    TemplateEvent event = decodeEventOrNull(line);
                    if (event == null) {
                        LOG.warn("Optimizer journal: skipped an unreadable line (an interrupted write)");
                        continue;
                    }
                    journalEntries++;
                    if (event.seq() > snapshotSeq) {
                        registry.apply(event);
                        replayed++;
                    }
                }
            }
        }
        LOG.info("Optimizer store {}: {} templates ({} changes replayed)", folder, registry.size(), replayed);
    }

    private ObjectNode encode(TemplateEvent event) {
        ObjectNode node = json.createObjectNode().put("seq", event.seq());
        if (event instanceof TemplateEvent.Learned learned) {
            node.put("type", "learned").set("template", encode(learned.template()));
        } else if (event instanceof TemplateEvent.Observed observed) {
            node.put("type", "observed").put("id", observed.id()).put("extra", observed.extra())
                    .put("truncated", observed.truncated()).put("at", observed.at().toString())
                    .put("window", observed.window());
        } else if (event instanceof TemplateEvent.Narrowed narrowed) {
            node.put("type", "narrowed").put("id", narrowed.id()).set("pattern", encode(narrowed.pattern()));
        } else if (event instanceof TemplateEvent.Deleted deleted) {
            node.put("type", "deleted").put("id", deleted.id());
        } else {
            node.put("type", "cleared");
        }
        return node;
    }

    private TemplateEvent decodeEventOrNull(String line) {
        try {
            JsonNode node = json.readTree(line);
            long seq = node.path("seq").asLong();
            return switch (node.path("type").asText()) {
                case "learned" -> new TemplateEvent.Learned(seq, decodeTemplate(node.path("template")));
                case "observed" -> new TemplateEvent.Observed(seq, node.path("id").asLong(), node.path("extra").asInt(),
                        node.path("truncated").asBoolean(), Instant.parse(node.path("at").asText()),
                        node.path("window").asInt());
                case "narrowed" -> new TemplateEvent.Narrowed(seq, node.path("id").asLong(),
                        decodePattern(node.path("pattern")));
                case "deleted" -> new TemplateEvent.Deleted(seq, node.path("id").asLong());
                case "cleared" -> new TemplateEvent.Cleared(seq);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ObjectNode encode(TemplateState state) {
        ObjectNode node = json.createObjectNode().put("id", state.id()).put("model", state.model());
        node.set("pattern", encode(state.pattern()));
        node.put("createdAt", state.createdAt().toString())
                .put("lastUsed", state.lastUsed().toString()).put("observations", state.observations())
                .put("truncations", state.truncations()).put("window", state.window());
        ArrayNode extras = node.putArray("extras");
        for (int extra : state.extras()) {
            extras.add(extra);
        }
        return node;
    }

    private ObjectNode encode(PromptPattern pattern) {
        ObjectNode node = json.createObjectNode().put("refined", pattern.refined()).put("words", pattern.words());
        ArrayNode parts = node.putArray("parts");
        for (PromptPart part : pattern.parts()) {
            parts.addObject().put("role", part.role()).put("head", words(part.head())).put("tail", words(part.tail()))
                    .put("open", part.open()).put("words", part.words());
        }
        return node;
    }

    private static PromptPattern decodePattern(JsonNode node) {
        if (!node.path("parts").isArray()) {
            throw new IllegalArgumentException("no pattern");
        }
        List<PromptPart> parts = new ArrayList<>();
        for (JsonNode part : node.path("parts")) {
            parts.add(new PromptPart(part.path("role").asText(), words(part.path("head").asText()),
                    words(part.path("tail").asText()), part.path("open").asBoolean(), part.path("words").asInt()));
        }
        return new PromptPattern(parts, node.path("refined").asBoolean(), node.path("words").asInt());
    }

    private static String words(int[] hashes) {
        ByteBuffer bytes = ByteBuffer.allocate(hashes.length * Integer.BYTES);
        bytes.asIntBuffer().put(hashes);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static int[] words(String encoded) {
        IntBuffer ints = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).asIntBuffer();
        int[] hashes = new int[ints.remaining()];
        ints.get(hashes);
        return hashes;
    }

    private static TemplateState decodeTemplate(JsonNode node) {
        int[] extras = new int[node.path("extras").size()];
        for (int i = 0; i < extras.length; i++) {
            extras[i] = node.path("extras").get(i).asInt();
        }
        return new TemplateState(node.path("id").asLong(), node.path("model").asText(),
                decodePattern(node.path("pattern")), Instant.parse(node.path("createdAt").asText()),
                Instant.parse(node.path("lastUsed").asText()), node.path("observations").asLong(),
                node.path("truncations").asLong(), node.path("window").asInt(), extras);
    }

    private void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot force the optimizer folder to disk: {}", e.toString());
        }
    }
}
