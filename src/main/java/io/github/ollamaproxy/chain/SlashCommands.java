package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds slash commands at the start of a user's text: {@code /rag /opt What is X?} asks for the
 * agents {@code rag} and {@code opt} about {@code What is X?}.
 *
 * <p>Rules: commands come first (after optional whitespace), each a {@code /} followed by letters,
 * digits or underscores and then whitespace or the end of the text; only names of registered
 * agents count (matched case-insensitively), so {@code /usr/bin/env is a path} and
 * {@code /unknown hello} stay untouched; parsing stops at the first word that is not a command.
 * Names keep the order of their first appearance, each once.
 */
public final class SlashCommands {

    private SlashCommands() {
    }

    /**
     * The commands found and the text that remains.
     *
     * @param agents    lower-case agent names, in order of first appearance, without duplicates
     * @param remainder the text after the commands (unchanged when there are none)
     */
    public record Parsed(List<String> agents, String remainder) {

        public boolean found() {
            return !agents.isEmpty();
        }
    }

    /**
     * @param text    the user's text
     * @param isAgent whether a lower-case name is a registered agent
     */
    public static Parsed parse(String text, Predicate<String> isAgent) {
        Set<String> agents = new LinkedHashSet<>();
        int position = 0;
        int length = text.length();
        while (true) {
            int slash = skipWhitespace(text, position);
            if (slash >= length || text.charAt(slash) != '/') {
                break;
            }
            int end = slash + 1;
            while (end < length && isNameChar(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            if (end == slash + 1 || end < length && !Character.isWhitespace(text.charAt(end))) {
                break;
            }
            String name = text.substring(slash + 1, end).toLowerCase(Locale.ROOT);
            if (!isAgent.test(name)) {
                break;
            }
            agents.add(name);
            position = end;
        }
        if (agents.isEmpty()) {
            return new Parsed(List.of(), text);
        }
        return new Parsed(new ArrayList<>(agents), text.substring(skipWhitespace(text, position)));
    }

    private static int skipWhitespace(String text, int from) {
        int index = from;
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean isNameChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
