package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user guide travels in the jar, so a new default knowledge base can start with it. */
class ShippedGuideTests {

    @TempDir
    Path folder;

    @Test
    void everyPageOfTheGuideAndItsSynonymRulesAreCopied() throws IOException {
        int copied = ShippedGuide.copyInto(folder);

        long pages;
        try (Stream<Path> guide = Files.list(Path.of("knowledge-base"))) {
            pages = guide.filter(page -> page.toString().endsWith(".md")).count();
        }
        assertThat(copied).isEqualTo(pages + 1).isGreaterThan(10);
        assertThat(Files.readString(folder.resolve(QuestionVocabulary.FILE)))
                .isEqualTo(Files.readString(Path.of("knowledge-base", QuestionVocabulary.FILE)));
        assertThat(Files.readString(folder.resolve("getting-started.md")))
                .isEqualTo(Files.readString(Path.of("knowledge-base/getting-started.md")));
    }
}
