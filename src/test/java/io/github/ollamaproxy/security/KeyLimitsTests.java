package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which models a key's list allows: names in Ollama's canonical spelling, {@code *} patterns. */
class KeyLimitsTests {

    @ParameterizedTest
    @CsvSource({
            "llama3.2, llama3.2, true",
            "llama3.2, Llama3.2:latest, true",
            "llama3.2:latest, llama3.2, true",
            "llama3.2, llama3.2:1b, false",
            "llama3*, llama3.2:1b, true",
            "llama3*, llama2, false",
            "qwen*:8b, qwen3:8b, true",
            "qwen*:8b, qwen3:8b-q4, false",
            "*embed*, nomic-embed-text, true",
            "a*a, a, false",
    })
    void allows(String allowed, String model, boolean expected) {
        KeyLimits limits = new KeyLimits(null, null, null, null, List.of(allowed));

        assertThat(limits.allowsModel(model)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"anything", "llama3.2"})
    void anEmptyListAllowsEveryModel(String model) {
        assertThat(KeyLimits.NONE.allowsModel(model)).isTrue();
    }
}
