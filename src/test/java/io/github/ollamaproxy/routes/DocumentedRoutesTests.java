package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ollamaproxy.support.DocExamples;
import org.junit.jupiter.api.Test;

/** The route files the documentation shows are the ones that ship. */
class DocumentedRoutesTests {

    @Test
    void theChainTheGuideShowsIsThePipelineThatShips() throws IOException {
        assertThat(Files.readString(Path.of("routes/llm-pipeline.camel.yaml")))
                .contains(DocExamples.yaml(Path.of("docs/agents.md"), "pipeline"));
    }

    @Test
    void theSupportRecipeIsTheShippedSupportAgent() throws IOException {
        assertThat(DocExamples.yaml(Path.of("docs/agents.md"), "support"))
                .isEqualTo(Files.readString(Path.of("routes/agents/support.camel.yaml")));
    }
}
