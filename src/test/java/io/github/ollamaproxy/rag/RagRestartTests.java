package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge index across restarts of the whole proxy: it is kept in the data folder, and only
 * the files changed while the proxy was down are indexed again.
 */
class RagRestartTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path documents;

    @TempDir
    Path data;

    @Test
    void restartKeepsTheIndexAndReindexesOnlyChangedFiles() throws IOException {
        Files.writeString(documents.resolve("a.md"), "# Alpha\n\nThe alpha valve opens at dawn.\n");
        Files.writeString(documents.resolve("b.md"), "# Bravo\n\nThe bravo pump runs at night.\n");
        Files.writeString(documents.resolve("c.md"), "# Charlie\n\nThe charlie gate stays shut.\n");

        try (StandaloneProxy proxy = start()) {
            JsonNode sync = KnowledgeStatusProbe.lastSync(proxy.client());
            assertThat(sync.path("indexed").asInt()).isEqualTo(3);
        }

        Files.writeString(documents.resolve("b.md"), "# Bravo\n\nThe bravo pump now runs at noon.\n");
        Files.delete(documents.resolve("c.md"));

        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();
            JsonNode sync = KnowledgeStatusProbe.lastSync(client);
            assertThat(sync.path("indexed").asInt()).isEqualTo(1);
            assertThat(sync.path("unchanged").asInt()).isEqualTo(1);
            assertThat(sync.path("removed").asInt()).isEqualTo(1);
            JsonNode search = JSON.readTree(client.get("/rag/search?q=when+does+the+bravo+pump+run").body());
            assertThat(search.path("strips").path(0).path("text").asText())
                    .isEqualTo("The bravo pump now runs at noon.");
            assertThat(KnowledgeStatusProbe.status(client).path("documents").asInt()).isEqualTo(2);
        }
    }

    private StandaloneProxy start() {
        return StandaloneProxy.start("--ollama-proxy.rag.knowledge.dir=" + documents,
                "--ollama-proxy.data.dir=" + data);
    }
}
