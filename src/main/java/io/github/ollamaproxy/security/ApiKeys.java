package io.github.ollamaproxy.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.ollamaproxy.data.DataFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys in force, from the keys file. The file is looked at again at most once a second
 * (its modification time, size and identity, so an editor's or a secret mount's atomic replace is
 * seen too) and read again when it changed. A file that no longer reads keeps the keys in force and
 * logs why; a file that disappears keeps them too, so a deleted file never opens the proxy. An
 * empty key list turns keys off.
 */
@Component
public class ApiKeys {

    static final String DEFAULT_FILE_NAME = "api-keys.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Keys in force, by hash, and the file state they were read from. */
    private record Loaded(Map<String, ApiKey> byHash, Object stamp) {
    }

    private final Path file;
    private volatile Loaded loaded;
    private volatile long nextCheck;

    public ApiKeys(ApiKeyProperties properties, DataFolder data) {
        this.file = properties.file() == null || properties.file().toString().isEmpty()
                ? data.root().resolve(DEFAULT_FILE_NAME) : properties.file();
        Object stamp = stamp(file);
        try {
            this.loaded = new Loaded(byHash(ApiKeyFile.read(file)), stamp);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the API keys file " + file + " does not read: " + e.getMessage(), e);
        }
        this.nextCheck = System.nanoTime() + CHECK_INTERVAL_NANOS;
        LOG.info("API keys: {} from {}", loaded.byHash().isEmpty() ? "none, requests need no key" : loaded.byHash().size(),
                file.toAbsolutePath());
    }

    /** The keys file. */
    public Path file() {
        return file;
    }

    /** Whether requests need a key. */
    public boolean required() {
        return !current().isEmpty();
    }

    /** The key whose secret this is. */
    public Optional<ApiKey> find(String secret) {
        return Optional.ofNullable(current().get(ApiKeySecrets.hash(secret)));
    }

    private Map<String, ApiKey> current() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_INTERVAL_NANOS;
            reloadIfChanged();
        }
        return loaded.byHash();
    }

    private synchronized void reloadIfChanged() {
        Loaded before = loaded;
        Object stamp = stamp(file);
        if (Objects.equals(stamp, before.stamp())) {
            return;
        }
        if (stamp == null) {
            LOG.error("API keys file {} is gone; the {} keys read before stay in force", file, before.byHash().size());
            loaded = new Loaded(before.byHash(), null);
            return;
        }
        try {
            loaded = new Loaded(byHash(ApiKeyFile.read(file)), stamp);
            LOG.info("API keys: {} from {} (the file changed)", loaded.byHash().size(), file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.error("API keys file {} does not read ({}); the {} keys read before stay in force", file,
                    e.getMessage(), before.byHash().size());
            loaded = new Loaded(before.byHash(), stamp);
        }
    }

    private static Map<String, ApiKey> byHash(List<ApiKey> keys) {
        return keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::hash, Function.identity()));
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
