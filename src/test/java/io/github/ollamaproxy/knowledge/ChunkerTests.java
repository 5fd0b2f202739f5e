package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ChunkerTests {

    private final Chunker chunker = new Chunker(20, 5);

    @Test
    void chunksFollowSectionsAndKeepTitleHeadingsPathAndPosition() {
        ParsedDocument document = DocumentParser.markdown("""
                # Guide

                Intro paragraph.

                ## Install

                Run the installer.

                ### On Linux

                Use the package.

                ## Run

                Start it.
                """, "fallback");

        List<Chunk> chunks = chunker.chunks("docs/guide.md", document);

        assertThat(chunks).extracting(Chunk::text)
                .containsExactly("Intro paragraph.", "Run the installer.", "Use the package.", "Start it.");
        assertThat(chunks).extracting(Chunk::headings).containsExactly(List.of("Guide"),
                List.of("Guide", "Install"), List.of("Guide", "Install", "On Linux"), List.of("Guide", "Run"));
        assertThat(chunks).extracting(Chunk::position).containsExactly(0, 1, 2, 3);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.title()).isEqualTo("Guide");
            assertThat(chunk.path()).isEqualTo("docs/guide.md");
        });
        assertThat(chunks.get(2).location()).isEqualTo("docs/guide.md › Guide › Install › On Linux");
        assertThat(chunks.get(2).id()).isEqualTo("docs/guide.md#2");
    }

    @Test
    void paragraphsStayWholeWhileTheyFitAndTheNextChunkRepeatsTheOverlap() {
        String first = words("a", 12);
        String second = words("b", 12);
        String third = words("c", 6);
        ParsedDocument document = new ParsedDocument("T",
                List.of(new ParsedDocument.Section(List.of("T"), List.of(first, second, third))));

        List<Chunk> chunks = chunker.chunks("t.md", document);

        assertThat(chunks).extracting(Chunk::text).containsExactly(
                first,
                words("a", 12).substring(words("a", 7).length() + 1) + "\n\n" + second,
                words("b", 12).substring(words("b", 7).length() + 1) + "\n\n" + third);
        assertThat(chunks).allSatisfy(chunk -> assertThat(wordCount(chunk.text())).isLessThanOrEqualTo(20));
    }

    @Test
    void aParagraphLongerThanAChunkIsCutIntoOverlappingWindows() {
        String paragraph = IntStream.range(0, 50).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        ParsedDocument document = new ParsedDocument("T",
                List.of(new ParsedDocument.Section(List.of(), List.of(paragraph))));

        List<Chunk> chunks = chunker.chunks("t.md", document);

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).text()).startsWith("w0 ").endsWith(" w19");
        assertThat(chunks.get(1).text()).startsWith("w15 ").endsWith(" w34");
        assertThat(chunks.get(2).text()).startsWith("w30 ").endsWith(" w49");
    }

    @Test
    void nothingIsLostAcrossChunks() {
        List<String> paragraphs = IntStream.range(0, 30).mapToObj(i -> words("p" + i + "x", 3 + i % 9)).toList();
        ParsedDocument document = new ParsedDocument("T",
                List.of(new ParsedDocument.Section(List.of("T"), paragraphs)));

        String all = chunker.chunks("t.md", document).stream().map(Chunk::text).collect(Collectors.joining(" "));

        paragraphs.forEach(paragraph -> assertThat(all).contains(paragraph));
    }

    @Test
    void anOverlapAsLargeAsTheChunkIsRefused() {
        assertThatThrownBy(() -> new Chunker(10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String words(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
    }

    private static int wordCount(String text) {
        return text.split("\\s+").length;
    }
}
