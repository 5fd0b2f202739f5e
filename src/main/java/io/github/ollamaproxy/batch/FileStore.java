package io.github.ollamaproxy.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;
import org.springframework.stereotype.Component;

/**
 * The files of the Files API, in the data folder ({@code batch/files/}): each file's content as
 * {@code <id>.jsonl} and its description as {@code <id>.json}. An upload is streamed to disk under
 * a size limit and appears only once complete.
 */
@Component
public class FileStore {

    private final Path folder;
    private final ObjectMapper json;

    public FileStore(DataFolder data, ObjectMapper json) {
        this.folder = data.resolve("batch/files");
        this.json = json;
    }

    /**
     * Stores an upload.
     *
     * @throws ProxyException 413 when it is larger than {@code maxBytes}
     */
    public StoredFile save(InputStream content, String filename, String purpose, long maxBytes) throws IOException {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        Path partial = folder.resolve(id + ".part");
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                bytes += read;
                if (bytes > maxBytes) {
                    throw new ProxyException(new ApiError(413, "file is larger than the limit of " + maxBytes
                            + " bytes (ollama-proxy.batch.max-file-size)", "file_too_large", "file"));
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, content(id), StandardCopyOption.ATOMIC_MOVE);
        return describe(new StoredFile(id, bytes, Instant.now().getEpochSecond(), filename, purpose));
    }

    /** Takes over a file the proxy wrote (a batch's output), under a new id. */
    public StoredFile adopt(Path written, String filename, String purpose) throws IOException {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        Files.move(written, content(id), StandardCopyOption.ATOMIC_MOVE);
        return describe(new StoredFile(id, Files.size(content(id)), Instant.now().getEpochSecond(), filename, purpose));
    }

    public Optional<StoredFile> find(String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(folder.resolve(id + ".json").toFile(), StoredFile.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @throws ProxyException 404 in OpenAI's words when there is no such file */
    public StoredFile require(String id) {
        return find(id).orElseThrow(() -> new ProxyException(new ApiError(404, "No such File object: " + id,
                "file_not_found", "file_id")));
    }

    /** Where a file's content is. */
    public Path content(String id) {
        return folder.resolve(id + ".jsonl");
    }

    public List<StoredFile> all() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .map(path -> find(path.getFileName().toString().replace(".json", "")))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(StoredFile::createdAt).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean delete(String id) throws IOException {
        if (find(id).isEmpty()) {
            return false;
        }
        Files.deleteIfExists(folder.resolve(id + ".json"));
        try {
            Files.delete(content(id));
        } catch (NoSuchFileException gone) {
            return true;
        }
        return true;
    }

    private StoredFile describe(StoredFile file) throws IOException {
        Path partial = folder.resolve(file.id() + ".json.part");
        json.writeValue(partial.toFile(), file);
        Files.move(partial, folder.resolve(file.id() + ".json"), StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static boolean isId(String id) {
        return id != null && id.matches("file-[0-9a-f]{32}");
    }
}
