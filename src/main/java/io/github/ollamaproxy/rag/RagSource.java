package io.github.ollamaproxy.rag;

import java.util.Locale;

/**
 * A source given to the model.
 *
 * @param origin   where it comes from
 * @param title    the document or page title
 * @param location the file path and heading path, or the URL
 * @param text     the refined text (kept strips, the snippet or the relevant passages of a page)
 */
public record RagSource(Origin origin, String title, String location, String text) {

    /** Where a source comes from. */
    public enum Origin {
        /** The knowledge base. */
        LOCAL,
        /** A web search result. */
        WEB;

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
