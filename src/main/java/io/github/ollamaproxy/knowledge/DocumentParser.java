package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns knowledge-base files into headed sections of paragraphs, with well-kept parsers:
 * Markdown with commonmark-java, HTML with jsoup, PDF with Apache PDFBox; plain text splits at
 * blank lines. Other files are not knowledge.
 */
public final class DocumentParser {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer PLAIN = TextContentRenderer.builder().build();
    private static final String TEXT_BLOCKS = "p, li, pre, blockquote, td, dd, dt";

    private DocumentParser() {
    }

    /** Whether a file is of a kind the knowledge base reads. */
    static boolean supports(Path file) {
        return kind(file).isPresent();
    }

    /** The file as sections, or empty when it is not of a supported kind. */
    static Optional<ParsedDocument> parse(Path file) throws IOException {
        Optional<String> kind = kind(file);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String fallbackTitle = file.getFileName().toString().replaceFirst("\\.[^.]+$", "").replace('-', ' ')
                .replace('_', ' ');
        return Optional.of(switch (kind.get()) {
            case "markdown" -> markdown(Files.readString(file, StandardCharsets.UTF_8), fallbackTitle);
            case "html" -> html(file, fallbackTitle);
            case "pdf" -> pdf(file, fallbackTitle);
            default -> text(Files.readString(file, StandardCharsets.UTF_8), fallbackTitle);
        });
    }

    static ParsedDocument markdown(String source, String fallbackTitle) {
        SectionCollector collector = new SectionCollector();
        Node document = MARKDOWN.parse(source);
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading) {
                collector.heading(heading.getLevel(), PLAIN.render(heading));
            } else if (block instanceof FencedCodeBlock code) {
                collector.paragraph(code.getLiteral());
            } else if (block instanceof IndentedCodeBlock code) {
                collector.paragraph(code.getLiteral());
            } else if (block instanceof Paragraph || block instanceof BlockQuote) {
                collector.paragraph(PLAIN.render(block));
            } else {
                ParagraphsOf paragraphs = new ParagraphsOf(collector);
                block.accept(paragraphs);
            }
        }
        return collector.document(null, fallbackTitle);
    }

    static ParsedDocument html(Path file, String fallbackTitle) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return html(Jsoup.parse(in, null, file.toUri().toString()), fallbackTitle);
        }
    }

    /** The sections of an HTML page (scripts, styles and navigation left out). */
    public static ParsedDocument html(Document page, String fallbackTitle) {
        SectionCollector collector = new SectionCollector();
        page.select("script, style, nav, noscript").remove();
        for (Element element : page.body().select("h1, h2, h3, h4, h5, h6, " + TEXT_BLOCKS)) {
            String tag = element.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
                collector.heading(tag.charAt(1) - '0', element.text());
            } else if (element.parents().stream().noneMatch(parent -> parent.is(TEXT_BLOCKS))) {
                collector.paragraph(tag.equals("pre") ? element.wholeText() : element.text());
            }
        }
        return collector.document(page.title(), fallbackTitle);
    }

    static ParsedDocument pdf(Path file, String fallbackTitle) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            SectionCollector collector = new SectionCollector();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                collector.heading(1, "Page " + page);
                for (String paragraph : stripper.getText(pdf).split("\\R\\s*\\R")) {
                    collector.paragraph(paragraph.replaceAll("\\R", " "));
                }
            }
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            return collector.document(title, fallbackTitle);
        }
    }

    static ParsedDocument text(String source, String fallbackTitle) {
        SectionCollector collector = new SectionCollector();
        for (String paragraph : source.split("\\R\\s*\\R")) {
            collector.paragraph(paragraph.replaceAll("\\R", " "));
        }
        return collector.document(null, fallbackTitle);
    }

    private static Optional<String> kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of("markdown");
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Optional.of("html");
        }
        if (name.endsWith(".pdf")) {
            return Optional.of("pdf");
        }
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return Optional.of("text");
        }
        return Optional.empty();
    }

    /** The paragraphs inside a block that is not a heading, paragraph or code (lists, tables). */
    private static final class ParagraphsOf extends AbstractVisitor {

        private final SectionCollector collector;

        ParagraphsOf(SectionCollector collector) {
            this.collector = collector;
        }

        @Override
        public void visit(Paragraph paragraph) {
            collector.paragraph(PLAIN.render(paragraph));
        }

        @Override
        public void visit(FencedCodeBlock code) {
            collector.paragraph(code.getLiteral());
        }
    }
}
