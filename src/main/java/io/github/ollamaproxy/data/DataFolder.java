package io.github.ollamaproxy.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The proxy's data folder: created at start (a folder that cannot be created or written fails the
 * start with a clear message, rather than the first request that needs it).
 */
@Component
public class DataFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    private final Path root;

    public DataFolder(DataProperties properties) {
        this.root = properties.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root
                    + " (set OLLAMA_PROXY_DATA_DIR to a writable folder)", e);
        }
        if (!Files.isWritable(root)) {
            throw new IllegalStateException("the data folder " + root + " is not writable"
                    + " (set OLLAMA_PROXY_DATA_DIR to a writable folder)");
        }
        LOG.info("Data folder: {}", root);
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** A sub-folder for one kind of state, created when missing. */
    public Path resolve(String name) {
        Path folder = root.resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
