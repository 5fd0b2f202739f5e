package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentParserTests {

    @TempDir
    Path folder;

    @Test
    void markdownHeadingsListsAndCodeBecomeSectionsOfParagraphs() throws IOException {
        Path file = write("guide.md", """
                # Setup guide

                Install the *proxy* first.

                - one item
                - two items

                ```sh
                mvn verify
                ```
                """);

        ParsedDocument document = DocumentParser.parse(file).orElseThrow();

        assertThat(document.title()).isEqualTo("Setup guide");
        assertThat(document.sections()).singleElement().satisfies(section -> {
            assertThat(section.headings()).containsExactly("Setup guide");
            assertThat(section.paragraphs()).containsExactly("Install the proxy first.", "one item", "two items",
                    "mvn verify");
        });
    }

    @Test
    void htmlIsReadWithoutScriptsAndNavigation() throws IOException {
        Path file = write("page.html", """
                <html><head><title>Page title</title><script>var x = 1;</script></head>
                <body><nav><p>Menu</p></nav><h1>Heading</h1><p>First <b>bold</b> paragraph.</p>
                <ul><li>An item</li></ul><h2>Sub</h2><p>Second.</p></body></html>
                """);

        ParsedDocument document = DocumentParser.parse(file).orElseThrow();

        assertThat(document.title()).isEqualTo("Page title");
        assertThat(document.sections()).extracting(ParsedDocument.Section::headings)
                .containsExactly(List.of("Heading"), List.of("Heading", "Sub"));
        assertThat(document.sections().get(0).paragraphs()).containsExactly("First bold paragraph.", "An item");
        assertThat(document.sections().toString()).doesNotContain("Menu", "var x");
    }

    @Test
    void pdfTextIsReadPageByPage() throws IOException {
        Path file = folder.resolve("manual.pdf");
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("The zebra gateway listens on port 4242.");
                content.endText();
            }
            pdf.getDocumentInformation().setTitle("Zebra manual");
            pdf.save(file.toFile());
        }

        ParsedDocument document = DocumentParser.parse(file).orElseThrow();

        assertThat(document.title()).isEqualTo("Zebra manual");
        assertThat(document.sections()).singleElement().satisfies(section -> {
            assertThat(section.headings()).containsExactly("Page 1");
            assertThat(section.paragraphs()).containsExactly("The zebra gateway listens on port 4242.");
        });
    }

    @Test
    void plainTextSplitsAtBlankLinesAndTakesItsTitleFromTheFileName() throws IOException {
        Path file = write("release-notes.txt", "First line\ncontinued.\n\nSecond paragraph.\n");

        ParsedDocument document = DocumentParser.parse(file).orElseThrow();

        assertThat(document.title()).isEqualTo("release notes");
        assertThat(document.sections()).singleElement().extracting(ParsedDocument.Section::paragraphs)
                .isEqualTo(List.of("First line continued.", "Second paragraph."));
    }

    @Test
    void otherFilesAreNotKnowledge() throws IOException {
        Path file = write("notes.docx", "binary");

        assertThat(DocumentParser.supports(file)).isFalse();
        assertThat(DocumentParser.parse(file)).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
