package io.github.ollamaproxy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class SlashCommandsTests {

    private static final Predicate<String> AGENTS = Set.of("rag", "opt", "example", "bin")::contains;

    @Test
    void findsOneCommandAndStripsIt() {
        SlashCommands.Parsed parsed = SlashCommands.parse("/example Hello world", AGENTS);
        assertThat(parsed.agents()).containsExactly("example");
        assertThat(parsed.remainder()).isEqualTo("Hello world");
    }

    @Test
    void findsSeveralCommandsInOrderOfFirstAppearanceOnce() {
        SlashCommands.Parsed parsed = SlashCommands.parse("/rag /opt\n/rag   question /example", AGENTS);
        assertThat(parsed.agents()).containsExactly("rag", "opt");
        assertThat(parsed.remainder()).isEqualTo("question /example");
    }

    @Test
    void allowsLeadingWhitespaceAndMatchesCaseInsensitively() {
        SlashCommands.Parsed parsed = SlashCommands.parse("  \t/RAG /Opt why?", AGENTS);
        assertThat(parsed.agents()).containsExactly("rag", "opt");
        assertThat(parsed.remainder()).isEqualTo("why?");
    }

    @Test
    void leavesTextWithoutCommandsUntouched() {
        SlashCommands.Parsed parsed = SlashCommands.parse("hello /rag x", AGENTS);
        assertThat(parsed.found()).isFalse();
        assertThat(parsed.remainder()).isEqualTo("hello /rag x");
    }

    @Test
    void leavesPathsUntouchedEvenWhenASegmentIsAnAgentName() {
        assertThat(SlashCommands.parse("/usr/bin/env is a path", AGENTS).agents()).isEmpty();
        assertThat(SlashCommands.parse("/bin/sh -c x", AGENTS).remainder()).isEqualTo("/bin/sh -c x");
        assertThat(SlashCommands.parse("/rag/docs explain", AGENTS).agents()).isEmpty();
    }

    @Test
    void unknownCommandStopsParsingAndStaysInTheText() {
        SlashCommands.Parsed parsed = SlashCommands.parse("/rag /unknown what is /opt", AGENTS);
        assertThat(parsed.agents()).containsExactly("rag");
        assertThat(parsed.remainder()).isEqualTo("/unknown what is /opt");
        assertThat(SlashCommands.parse("/unknown hello", AGENTS).remainder()).isEqualTo("/unknown hello");
    }

    @Test
    void commandNeedsWhitespaceOrTheEndAfterIt() {
        assertThat(SlashCommands.parse("/rag:foo bar", AGENTS).agents()).isEmpty();
        assertThat(SlashCommands.parse("/rag-x y", AGENTS).agents()).isEmpty();
        SlashCommands.Parsed onlyCommand = SlashCommands.parse("/rag", AGENTS);
        assertThat(onlyCommand.agents()).containsExactly("rag");
        assertThat(onlyCommand.remainder()).isEmpty();
    }

    @Test
    void keepsTheRestOfTheTextExactly() {
        SlashCommands.Parsed parsed = SlashCommands.parse("/opt   line one\n\n  line two  ", AGENTS);
        assertThat(parsed.remainder()).isEqualTo("line one\n\n  line two  ");
    }

    @Test
    void acceptsUnicodeLettersInNames() {
        SlashCommands.Parsed parsed = SlashCommands.parse("/résumé text", Set.of("résumé")::contains);
        assertThat(parsed.agents()).isEqualTo(List.of("résumé"));
        assertThat(parsed.remainder()).isEqualTo("text");
    }

    @Test
    void handlesEmptyAndBareSlash() {
        assertThat(SlashCommands.parse("", AGENTS).found()).isFalse();
        assertThat(SlashCommands.parse("/", AGENTS).remainder()).isEqualTo("/");
        assertThat(SlashCommands.parse("/ rag", AGENTS).found()).isFalse();
    }
}
