package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.data.DataProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.task.SyncTaskExecutor;

class KnowledgeBaseTests {

    @TempDir
    Path documents;

    @TempDir
    Path data;

    private KnowledgeBase knowledge;

    @AfterEach
    void close() {
        if (knowledge != null) {
            knowledge.destroy();
        }
    }

    @Test
    void indexesSupportedFilesAndSkipsTheRest() throws IOException {
        write("guide.md", "# Guide\n\nThe zebra gateway listens on port 4242.\n");
        write("sub/notes.txt", "Striped requests are answered first.\n");
        write("image.png", "not text");
        write(".hidden/secret.md", "# Secret\n\nNot for the index.\n");
        write("draft.md~", "# Backup\n");

        SyncReport report = open(250).synchronize();

        assertThat(report.indexed()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(knowledge.index().files()).containsOnlyKeys("guide.md", "sub/notes.txt");
        assertThat(paths(search("zebra port"))).containsExactly("guide.md");
        assertThat(knowledge.status().documents()).isEqualTo(2);
        assertThat(knowledge.status().lastChange()).isNotNull();
    }

    @Test
    void aSecondSynchronisationTouchesOnlyWhatChanged() throws IOException {
        write("a.md", "# A\n\nAlpha text.\n");
        write("b.md", "# B\n\nBravo text.\n");
        write("c.md", "# C\n\nCharlie text.\n");
        open(250).synchronize();

        write("b.md", "# B\n\nBravo text, now with a zebra.\n");
        Files.delete(documents.resolve("c.md"));
        write("d.md", "# D\n\nDelta text.\n");
        SyncReport report = knowledge.synchronize();

        assertThat(report.indexed()).isEqualTo(2);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.removed()).isEqualTo(1);
        assertThat(paths(search("zebra"))).containsExactly("b.md");
        assertThat(search("charlie")).isEmpty();
    }

    @Test
    void aFileTouchedButNotChangedIsNotIndexedAgain() throws IOException {
        Path file = write("a.md", "# A\n\nAlpha text.\n");
        open(250).synchronize();

        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        SyncReport report = knowledge.synchronize();

        assertThat(report.indexed()).isZero();
        assertThat(report.unchanged()).isEqualTo(1);
    }

    @Test
    void theIndexSurvivesARestartAndOnlyChangedFilesAreIndexedThen() throws IOException {
        write("a.md", "# A\n\nAlpha text.\n");
        write("b.md", "# B\n\nBravo text.\n");
        open(250).synchronize();
        knowledge.destroy();

        write("b.md", "# B\n\nBravo text changed while the proxy was down.\n");
        open(250);
        assertThat(paths(search("alpha"))).containsExactly("a.md");
        SyncReport report = knowledge.synchronize();

        assertThat(report.indexed()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(paths(search("proxy down"))).containsExactly("b.md");
    }

    @Test
    void otherChunkingSettingsRebuildTheWholeIndex() throws IOException {
        write("a.md", "# A\n\nAlpha text.\n");
        write("b.md", "# B\n\nBravo text.\n");
        open(250).synchronize();
        knowledge.destroy();

        SyncReport report = open(100).synchronize();

        assertThat(report.indexed()).isEqualTo(2);
        assertThat(knowledge.index().chunkCount()).isEqualTo(2);
    }

    @Test
    void fileEventsIndexOneFileOrFolderAndIgnoreHiddenFiles() throws IOException {
        open(250).synchronize();

        Path added = write("new/zebra.md", "# Zebra\n\nThe zebra gateway.\n");
        knowledge.fileChanged(added.toString());
        assertThat(paths(search("zebra"))).containsExactly("new/zebra.md");

        SyncReport hidden = knowledge.fileChanged(write(".swap.md", "# Swap\n\nzebra\n").toString());
        assertThat(hidden.indexed()).isZero();

        Files.delete(added);
        Files.delete(documents.resolve("new"));
        knowledge.fileChanged(documents.resolve("new").toString());
        assertThat(search("zebra")).isEmpty();
    }

    @Test
    void aFileThatCannotBeParsedIsReportedAndLeavesNothingStale() throws IOException {
        write("good.md", "# Good\n\nFine text.\n");
        write("broken.pdf", "%PDF-1.7 this is not really a pdf");

        SyncReport report = open(250).synchronize();

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.indexed()).isEqualTo(1);
        assertThat(knowledge.index().files()).containsOnlyKeys("good.md");
    }

    private KnowledgeBase open(int chunkWords) {
        KnowledgeProperties properties = new KnowledgeProperties(documents, false, chunkWords, 40, "");
        knowledge = new KnowledgeBase(properties, new DataFolder(new DataProperties(data)),
                new KnowledgeEmbeddings(properties, null), new SyncTaskExecutor());
        return knowledge;
    }

    private List<ScoredChunk> search(String question) {
        return knowledge.index().search(TextAnalysis.terms("content", question), null, 10);
    }

    private static List<String> paths(List<ScoredChunk> hits) {
        return hits.stream().map(hit -> hit.chunk().path()).distinct().toList();
    }

    private Path write(String name, String content) throws IOException {
        Path file = documents.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
