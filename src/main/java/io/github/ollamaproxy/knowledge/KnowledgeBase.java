package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.github.ollamaproxy.data.DataFolder;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link KnowledgeIndex} in line with the knowledge-base folder: at start-up in the
 * background (only new, changed and deleted files are touched), on file events while running, and
 * on demand. Files are compared by size and time first and by SHA-256 when those differ; searches
 * keep working on the last committed index meanwhile.
 */
@Component
public class KnowledgeBase implements DisposableBean {

    static final String INDEX_FOLDER = "rag-index";

    /** Changes whenever the analysis or the index fields change, so that old indexes are rebuilt. */
    private static final int INDEX_FORMAT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int COMMIT_EVERY = 50;
    private static final long PROGRESS_EVERY_MILLIS = 5_000;

    private final Path root;
    private final String layout;
    private final Chunker chunker;
    private final KnowledgeEmbeddings embeddings;
    private final TaskExecutor executor;
    private final KnowledgeIndex index;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile Instant lastChange;
    private volatile SyncReport lastSync;
    private volatile boolean syncing;

    public KnowledgeBase(KnowledgeProperties properties, DataFolder data, KnowledgeEmbeddings embeddings,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.root = properties.dir().toAbsolutePath().normalize();
        this.chunker = new Chunker(properties.chunkWords(), properties.overlapWords());
        this.layout = "format=" + INDEX_FORMAT + " chunk-words=" + properties.chunkWords() + " overlap-words="
                + properties.overlapWords();
        this.embeddings = embeddings;
        this.executor = executor;
        createFolder(root, properties.dir().normalize().equals(ShippedGuide.DEFAULT_FOLDER));
        this.index = KnowledgeIndex.open(data.resolve(INDEX_FOLDER));
        this.lastChange = index.files().values().stream().map(IndexedFile::indexedAt).max(Comparator.naturalOrder())
                .orElse(null);
    }

    /** The index, for searching. */
    public KnowledgeIndex index() {
        return index;
    }

    /** Documents, chunks, last change and the last synchronisation. */
    public KnowledgeStatus status() {
        return new KnowledgeStatus(root, index.files().size(), index.chunkCount(), lastChange, syncing, lastSync,
                embeddings.model());
    }

    @EventListener(ApplicationReadyEvent.class)
    void synchronizeInBackground() {
        executor.execute(() -> {
            try {
                synchronize();
            } catch (RuntimeException e) {
                LOG.error("Knowledge base: synchronising {} failed: {}", root, e.getMessage(), e);
            }
        });
    }

    /**
     * Indexes what changed in the whole folder since the index was last brought up to date; all of
     * it when the index was built with other chunking settings or by another version.
     */
    public SyncReport synchronize() {
        String built = index.layout();
        if (!built.isEmpty() && !built.equals(layout)) {
            LOG.info("Knowledge base: the index was built with other settings ({}); indexing every file again", built);
            return synchronize(root, true);
        }
        return synchronize(root, false);
    }

    /** Indexes every file again, whether it changed or not. */
    public SyncReport rebuild() {
        return synchronize(root, true);
    }

    /**
     * Brings the index in line with one file or folder that changed (was added, modified or
     * deleted); paths outside the knowledge base are ignored.
     */
    public SyncReport fileChanged(String path) {
        Path absolute = Path.of(path).toAbsolutePath().normalize();
        if (absolute.equals(root)) {
            return synchronize(root, false);
        }
        if (!absolute.startsWith(root) || isHidden(root.relativize(absolute))) {
            return new SyncReport(Instant.now(), 0, 0, 0, 0, 0, 0, 0);
        }
        return synchronize(absolute, false);
    }

    @Override
    public void destroy() {
        writing.lock();
        try {
            index.close();
        } finally {
            writing.unlock();
        }
    }

    private SyncReport synchronize(Path scope, boolean force) {
        writing.lock();
        syncing = true;
        try {
            return new Synchronization(scope, force).run();
        } finally {
            syncing = false;
            writing.unlock();
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.endsWith("~")) {
                return true;
            }
        }
        return false;
    }

    /** Creates a missing folder; at the default place, with a copy of the shipped user guide. */
    private static void createFolder(Path folder, boolean withGuide) {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
            if (withGuide) {
                LOG.info("Knowledge base: created {} with the {} pages of the proxy's user guide; files put there "
                        + "are indexed for /rag", folder, ShippedGuide.copyInto(folder));
            } else {
                LOG.info("Knowledge base: created the empty folder {}; files put there are indexed for /rag", folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the knowledge-base folder " + folder
                    + " (set OLLAMA_PROXY_KNOWLEDGE_DIR to an existing folder)", e);
        }
    }

    /** One pass over a scope of the folder. */
    private final class Synchronization {

        private final Path scope;
        private final boolean force;
        private final Instant started = Instant.now();
        private int indexed;
        private int unchanged;
        private int removed;
        private int skipped;
        private int failed;
        private int chunks;
        private int uncommitted;

        Synchronization(Path scope, boolean force) {
            this.scope = scope;
            this.force = force;
        }

        SyncReport run() {
            boolean whole = scope.equals(root);
            String prefix = whole ? "" : relative(scope);
            Map<String, IndexedFile> known = index.files();
            List<Path> files = filesIn(scope);
            if (whole) {
                LOG.info("Knowledge base {}: {} files, {} indexed; looking for changes", root, files.size(),
                        known.size());
            }
            if (force) {
                index.removeAll();
                uncommitted++;
            }
            Set<String> seen = new HashSet<>();
            long lastProgress = System.currentTimeMillis();
            for (Path file : files) {
                String path = relative(file);
                if (!DocumentParser.supports(file)) {
                    skipped++;
                    LOG.info("Knowledge base: skipping {} (only Markdown, text, HTML and PDF files are read)", path);
                    continue;
                }
                seen.add(path);
                visit(file, path, force ? null : known.get(path));
                if (uncommitted >= COMMIT_EVERY) {
                    commit();
                }
                if (System.currentTimeMillis() - lastProgress > PROGRESS_EVERY_MILLIS) {
                    lastProgress = System.currentTimeMillis();
                    LOG.info("Knowledge base: {} of {} files checked, {} indexed so far", seen.size() + skipped,
                            files.size(), indexed);
                }
            }
            if (!force) {
                for (String path : known.keySet()) {
                    if (!seen.contains(path) && (whole || path.equals(prefix) || path.startsWith(prefix + "/"))) {
                        index.remove(path);
                        removed++;
                        uncommitted++;
                        LOG.info("Knowledge base: removed {}", path);
                    }
                }
            }
            commit();
            SyncReport report = new SyncReport(started, System.currentTimeMillis() - started.toEpochMilli(), indexed,
                    unchanged, removed, skipped, failed, chunks);
            if (whole || report.changed() || failed > 0) {
                LOG.info("Knowledge base: {} indexed ({} chunks), {} unchanged, {} removed, {} skipped, {} failed"
                        + " in {} ms; {} chunks searchable", indexed, chunks, unchanged, removed, skipped, failed,
                        report.millis(), index.chunkCount());
            }
            lastSync = report;
            return report;
        }

        private void visit(Path file, String path, IndexedFile known) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                long size = attributes.size();
                long modified = attributes.lastModifiedTime().toMillis();
                if (known != null && embeddingsCurrent(known) && known.size() == size
                        && known.modified() == modified) {
                    unchanged++;
                    return;
                }
                String sha256 = sha256(file);
                if (known != null && embeddingsCurrent(known) && known.sha256().equals(sha256)) {
                    unchanged++;
                    return;
                }
                Optional<ParsedDocument> document = DocumentParser.parse(file);
                if (document.isEmpty()) {
                    skipped++;
                    return;
                }
                List<Chunk> fileChunks = chunker.chunks(path, document.get());
                List<float[]> vectors = vectors(path, fileChunks);
                String model = vectors.isEmpty() && !fileChunks.isEmpty() ? "" : embeddings.model();
                index.put(new IndexedFile(path, sha256, size, modified, fileChunks.size(), model, Instant.now()),
                        fileChunks, vectors);
                indexed++;
                chunks += fileChunks.size();
                uncommitted++;
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.warn("Knowledge base: cannot index {}: {}", path, e.getMessage());
                if (known != null) {
                    index.remove(path);
                    uncommitted++;
                }
            }
        }

        private boolean embeddingsCurrent(IndexedFile known) {
            return known.embeddingModel().equals(embeddings.model()) || known.chunks() == 0;
        }

        private List<float[]> vectors(String path, List<Chunk> fileChunks) {
            if (!embeddings.enabled() || fileChunks.isEmpty()) {
                return List.of();
            }
            try {
                return embeddings.embed(fileChunks.stream().map(Chunk::searchableText).toList());
            } catch (RuntimeException e) {
                LOG.warn("Knowledge base: no vectors for {} ({}); it is searched by BM25 only until the next sync",
                        path, e.getMessage());
                return List.of();
            }
        }

        private void commit() {
            if (uncommitted == 0) {
                return;
            }
            index.commit(layout);
            uncommitted = 0;
            lastChange = Instant.now();
        }

        private List<Path> filesIn(Path start) {
            if (!Files.exists(start)) {
                return List.of();
            }
            if (Files.isRegularFile(start)) {
                return List.of(start);
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile).filter(file -> !isHidden(root.relativize(file))).sorted()
                        .forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Knowledge base: cannot list {}: {}", start, e.getMessage());
            }
            return files;
        }

        private static String sha256(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return DigestUtils.sha256Hex(in);
            }
        }
    }
}
