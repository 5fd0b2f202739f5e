package io.github.ollamaproxy.knowledge;

import java.util.List;

/**
 * A knowledge-base file as text: its title and its sections, each under a heading path.
 *
 * @param title    the document title (first heading, HTML or PDF title, else the file name)
 * @param sections the sections in reading order
 */
public record ParsedDocument(String title, List<Section> sections) {

    /**
     * A run of paragraphs under one heading.
     *
     * @param headings   the heading path from the top level down, empty before the first heading
     * @param paragraphs the paragraphs, in order
     */
    public record Section(List<String> headings, List<String> paragraphs) {
    }
}
