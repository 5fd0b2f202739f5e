package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The proxy's user guide, shipped in the jar under {@code knowledge-base/}: a knowledge-base
 * folder created at the default place gets a copy, so that {@code /rag} can answer questions about
 * the proxy wherever it was started from.
 */
final class ShippedGuide {

    /** The default knowledge-base folder, relative to the working directory. */
    static final Path DEFAULT_FOLDER = Path.of("knowledge-base");

    private static final String PAGES = "classpath*:knowledge-base/*.md";

    private ShippedGuide() {
    }

    /** Copies the guide's pages into {@code folder}; returns how many. */
    static int copyInto(Path folder) {
        int copied = 0;
        try {
            for (Resource page : new PathMatchingResourcePatternResolver().getResources(PAGES)) {
                try (InputStream in = page.getInputStream()) {
                    Files.copy(in, folder.resolve(page.getFilename()));
                    copied++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the shipped user guide into " + folder, e);
        }
        return copied;
    }
}
