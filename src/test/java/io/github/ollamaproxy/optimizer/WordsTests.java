package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTests {

    @Test
    void wordsAreComparedWithoutCaseOrPunctuation() {
        assertThat(Words.hashes("Hello, WORLD! it's 2026_nov")).hasSize(5)
                .containsExactly(Words.hashes("hello world -- IT S\n2026_NOV"));
    }

    @Test
    void differentWordsHashDifferently() {
        int[] hashes = Words.hashes("the film Casablanca the film Vertigo");

        assertThat(hashes[0]).isEqualTo(hashes[3]);
        assertThat(hashes[2]).isNotEqualTo(hashes[5]);
    }

    @Test
    void textWithoutWordsHasNone() {
        assertThat(Words.hashes("  ... !? ")).isEmpty();
        assertThat(Words.hashes("")).isEmpty();
    }
}
