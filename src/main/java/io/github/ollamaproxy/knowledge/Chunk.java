package io.github.ollamaproxy.knowledge;

import java.util.List;

/**
 * A passage of a knowledge-base file, the unit of retrieval.
 *
 * @param path     the file, relative to the knowledge-base folder, with {@code /} separators
 * @param title    the document title
 * @param headings the heading path of the section the passage is in, from the top level down
 * @param position the passage's index in its file, from 0
 * @param text     the passage
 */
public record Chunk(String path, String title, List<String> headings, int position, String text) {

    private static final String HEADING_SEPARATOR = " › ";

    public Chunk {
        headings = List.copyOf(headings);
    }

    /** A stable identifier: the path and the position. */
    public String id() {
        return path + "#" + position;
    }

    /** Where the passage is, for a reader: the path and the heading path. */
    public String location() {
        return headings.isEmpty() ? path : path + HEADING_SEPARATOR + String.join(HEADING_SEPARATOR, headings);
    }

    /** What retrieval matches against: the title, the headings and the passage. */
    public String searchableText() {
        StringBuilder text = new StringBuilder(title);
        for (String heading : headings) {
            if (!heading.equals(title)) {
                text.append('\n').append(heading);
            }
        }
        return text.append('\n').append(this.text).toString();
    }
}
