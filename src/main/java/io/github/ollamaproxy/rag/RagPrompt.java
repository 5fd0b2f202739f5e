package io.github.ollamaproxy.rag;

import java.util.List;

/**
 * The system message that gives the model its sources: the configured instructions, then each
 * source as {@code [n] title (location)} followed by its text.
 */
public final class RagPrompt {

    private RagPrompt() {
    }

    /** The message for these sources, numbered from 1. */
    public static String render(String instructions, List<RagSource> sources) {
        StringBuilder message = new StringBuilder(instructions.strip());
        for (int i = 0; i < sources.size(); i++) {
            RagSource source = sources.get(i);
            message.append("\n\n[").append(i + 1).append("] ").append(source.title())
                    .append(" (").append(source.location()).append(")\n").append(source.text());
        }
        return message.toString();
    }
}
