package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates survive restarts, and a store cut short at any point still loads. */
class TemplateStoreTests {

    private static final OptimizerProperties PROPERTIES = OptimizerProperties.defaults();
    private static final TemplateRegistry.WindowSource WINDOWS = extras -> new WindowPolicy(PROPERTIES).window(extras, 0, 8192);

    @TempDir
    Path folder;

    @Test
    void templatesSurviveARestart() {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = store(registry)) {
            Template kept = registry.learn("m:latest", pattern(1), 1500, false, Instant.parse("2026-01-01T00:00:00Z"), WINDOWS);
            registry.observe(kept, pattern(1), 3500, false, Instant.parse("2026-01-02T00:00:00Z"), WINDOWS);
            Template dropped = registry.learn("m:latest", pattern(2), 900, false, Instant.now(), WINDOWS);
            registry.learn("other:latest", pattern(3), 6000, true, Instant.now(), WINDOWS);
            registry.delete(dropped.id());
        }

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = store(reloaded)) {
            assertThat(reloaded.size()).isEqualTo(2);
            TemplateState kept = reloaded.list().stream().filter(t -> t.model().equals("m:latest")).findFirst().orElseThrow();
            assertThat(kept.observations()).isEqualTo(2);
            assertThat(kept.extras()).containsExactly(1500, 3500);
            assertThat(kept.window()).isEqualTo(5120);
            assertThat(kept.lastUsed()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
            assertThat(reloaded.find("m:latest", pattern(1))).isPresent();
            assertThat(reloaded.find("m:latest", pattern(2))).isEmpty();
            TemplateState other = reloaded.list().stream().filter(t -> t.model().equals("other:latest")).findFirst().orElseThrow();
            assertThat(other.truncations()).isEqualTo(1);
            Template next = reloaded.learn("m:latest", pattern(4), 100, false, Instant.now(), WINDOWS);
            assertThat(next.id()).isGreaterThan(3);
        }
    }

    @Test
    void journalWrittenBeforeACrashIsReplayed() throws IOException {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        TemplateStore store = store(registry);
        registry.learn("m:latest", pattern(1), 1000, false, Instant.now(), WINDOWS);
        store.flush();
        registry.learn("m:latest", pattern(2), 2000, false, Instant.now(), WINDOWS);
        store.flush();

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        store(reloaded).close();
        assertThat(reloaded.size()).isEqualTo(2);
    }

    @Test
    void aLineCutShortByAKillIsSkipped() throws IOException {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        TemplateStore store = store(registry);
        registry.learn("m:latest", pattern(1), 1000, false, Instant.now(), WINDOWS);
        store.flush();
        Files.writeString(folder.resolve(TemplateStore.JOURNAL), "{\"seq\":99,\"type\":\"learned\",\"templ",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        store(reloaded).close();

        assertThat(reloaded.size()).isEqualTo(1);
    }

    @Test
    void aKillBetweenSnapshotAndJournalResetDoesNotCountTwice() throws IOException {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        TemplateStore store = store(registry);
        Template template = registry.learn("m:latest", pattern(1), 1000, false, Instant.now(), WINDOWS);
        registry.observe(template, pattern(1), 1200, false, Instant.now(), WINDOWS);
        store.flush();
        List<String> journal = Files.readAllLines(folder.resolve(TemplateStore.JOURNAL));
        store.compact();
        Files.write(folder.resolve(TemplateStore.JOURNAL), journal);

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        store(reloaded).close();

        assertThat(reloaded.list().get(0).observations()).isEqualTo(2);
    }

    @Test
    void journalIsCompactedIntoTheSnapshot() throws IOException {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = new TemplateStore(folder, registry, Duration.ofHours(1), 10)) {
            for (int i = 0; i < 25; i++) {
                registry.learn("m:latest", pattern(100 + i), 1000 + i, false, Instant.now(), WINDOWS);
                store.flush();
            }
            assertThat(Files.readAllLines(folder.resolve(TemplateStore.JOURNAL)).size()).isLessThan(10);
            assertThat(Files.readAllLines(folder.resolve(TemplateStore.SNAPSHOT)).size()).isGreaterThan(20);
        }
    }

    @Test
    void aNarrowedPatternSurvivesARestart() {
        String instructions = PatternAlignmentTests.words(900, 40);
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = store(registry)) {
            Template template = registry.learn("m:latest", document(instructions, 901, 400), 500, false, Instant.now(),
                    WINDOWS);
            registry.observe(template, document(instructions, 902, 80), 600, false, Instant.now(), WINDOWS);
            assertThat(template.pattern().refined()).isTrue();
        }

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = store(reloaded)) {
            TemplateMatch match = reloaded.find("m:latest", document(instructions, 903, 1200)).orElseThrow();
            assertThat(match.template().pattern().refined()).isTrue();
            assertThat(match.verdict()).isEqualTo(PatternAlignment.Verdict.STRONG);
            assertThat(reloaded.find("m:latest", document(PatternAlignmentTests.words(904, 40), 905, 100))).isEmpty();
        }
    }

    @Test
    void templatesOfAnEarlierVersionAreRelearned() throws IOException {
        Files.writeString(folder.resolve(TemplateStore.SNAPSHOT), """
                {"version":1,"seq":3,"nextId":4}
                {"id":1,"model":"m:latest","fingerprints":["1","2","3","4","5","6"],"tokens":90}
                """);

        TemplateRegistry reloaded = new TemplateRegistry(PROPERTIES);
        try (TemplateStore store = store(reloaded)) {
            assertThat(reloaded.size()).isZero();
            assertThat(reloaded.learn("m:latest", pattern(1), 100, false, Instant.now(), WINDOWS).id()).isEqualTo(4);
        }
    }

    private TemplateStore store(TemplateRegistry registry) {
        return new TemplateStore(folder, registry, Duration.ofHours(1), 10_000);
    }

    /** A prompt unlike the ones of other seeds. */
    static PromptPattern pattern(int seed) {
        return PatternAlignmentTests.chat("system", PatternAlignmentTests.words(seed, 40), "user",
                PatternAlignmentTests.words(seed + 10_000, 60));
    }

    private static PromptPattern document(String instructions, int seed, int words) {
        return PatternAlignmentTests.chat("user", instructions + "\n\n" + PatternAlignmentTests.words(seed, words));
    }
}
