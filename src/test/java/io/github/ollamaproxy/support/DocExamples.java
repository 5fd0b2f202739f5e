package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The YAML examples of the documentation, so that tests run exactly what a user would copy: the
 * first {@code ```yaml} block after a line {@code <!-- example: name -->}.
 */
public final class DocExamples {

    private DocExamples() {
    }

    /** The example {@code name} of the Markdown file {@code doc}. */
    public static String yaml(Path doc, String name) {
        String text;
        try {
            text = Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int marker = text.indexOf("<!-- example: " + name + " -->");
        if (marker < 0) {
            throw new IllegalArgumentException("no example " + name + " in " + doc);
        }
        int start = text.indexOf("```yaml\n", marker) + "```yaml\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
