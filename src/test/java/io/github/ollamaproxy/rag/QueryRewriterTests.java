package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRewriterTests {

    @Test
    void keywordsDropQuestionAndStopWordsAndKeepTechnicalTokens() {
        assertThat(QueryRewriter.keywords("How do I set num_ctx for qwen2.5-coder in the C++ client?"))
                .isEqualTo("set num_ctx qwen2.5-coder C++ client");
    }

    @Test
    void keywordsAreDistinctAndCapped() {
        assertThat(QueryRewriter.keywords("Zebra zebra ZEBRA gateway")).isEqualTo("Zebra gateway");
        assertThat(QueryRewriter.keywords("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11 l12").split(" "))
                .hasSize(QueryRewriter.MAX_KEYWORDS);
    }

    @Test
    void aQuestionOfOnlyStopWordsIsKeptAsItIs() {
        assertThat(QueryRewriter.keywords(" What is it? ")).isEqualTo("What is it?");
    }

    @Test
    void theModelsAnswerIsCleanedToItsFirstQueryLine() {
        assertThat(QueryRewriter.firstQueryLine("Here is a better query:\n\n\"ollama proxy port setting\"\n"))
                .isEqualTo("ollama proxy port setting");
        assertThat(QueryRewriter.firstQueryLine("kubernetes ingress nginx tls"))
                .isEqualTo("kubernetes ingress nginx tls");
        assertThat(QueryRewriter.firstQueryLine("The query:")).isEqualTo("The query:");
        assertThat(QueryRewriter.firstQueryLine("  \n ")).isEmpty();
    }
}
