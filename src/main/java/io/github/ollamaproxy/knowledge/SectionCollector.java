package io.github.ollamaproxy.knowledge;

import java.util.ArrayList;
import java.util.List;

/** Builds the sections of a {@link ParsedDocument} as headings and paragraphs are met in order. */
final class SectionCollector {

    private final List<ParsedDocument.Section> sections = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private List<String> paragraphs = new ArrayList<>();
    private String firstHeading;

    void heading(int level, String text) {
        String heading = text.strip();
        if (heading.isEmpty()) {
            return;
        }
        close();
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
            levels.remove(levels.size() - 1);
            headings.remove(headings.size() - 1);
        }
        levels.add(level);
        headings.add(heading);
        if (firstHeading == null) {
            firstHeading = heading;
        }
    }

    void paragraph(String text) {
        String paragraph = text.strip().replaceAll("[ \\t\\x0B\\f\\r]+", " ");
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
    }

    ParsedDocument document(String title, String fallbackTitle) {
        close();
        String chosen = title != null && !title.isBlank() ? title.strip()
                : firstHeading != null ? firstHeading : fallbackTitle;
        return new ParsedDocument(chosen, List.copyOf(sections));
    }

    private void close() {
        if (!paragraphs.isEmpty()) {
            sections.add(new ParsedDocument.Section(List.copyOf(headings), List.copyOf(paragraphs)));
            paragraphs = new ArrayList<>();
        }
    }
}
