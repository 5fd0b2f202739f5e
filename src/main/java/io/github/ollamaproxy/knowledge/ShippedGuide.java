package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    private static final List<String> FILES = List.of("classpath*:knowledge-base/*.md",
            "classpath*:knowledge-base/" + QuestionVocabulary.FILE);

    private ShippedGuide() {
    }

    /** Copies the guide's pages and its synonym rules into {@code folder}; returns how many files. */
    static int copyInto(Path folder) {
        int copied = 0;
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : FILES) {
                for (Resource file : resolver.getResources(pattern)) {
                    try (InputStream in = file.getInputStream()) {
                        Files.copy(in, folder.resolve(file.getFilename()));
                        copied++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the shipped user guide into " + folder, e);
        }
        return copied;
    }
}
