package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dense retrieval: with an embedding model configured, chunks are embedded through Ollama's
 * {@code /api/embed} when indexed, questions when asked, and hits carry their cosine similarity;
 * an index built without vectors is embedded at the next start.
 */
class RagDenseRetrievalTests {

    private static final String EMBEDDING_MODEL = "dense-embed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator()
            .install(SimulatedModel.embedding(EMBEDDING_MODEL, 64));

    @TempDir
    Path documents;

    @TempDir
    Path data;

    @Test
    void chunksAndQuestionsAreEmbeddedAndHitsCarryTheirSimilarity() throws IOException {
        Files.writeString(documents.resolve("zebra.md"), "# Zebra\n\nThe zebra gateway listens on port 4242.\n\n"
                + "## Vault\n\nStripes are kept in the vault.\n");
        try (StandaloneProxy proxy = start("")) {
            assertThat(KnowledgeStatusProbe.lastSync(proxy.client()).path("indexed").asInt()).isEqualTo(1);
        }
        SIMULATOR.clearRecordings();

        try (StandaloneProxy proxy = start(EMBEDDING_MODEL)) {
            ProxyClient client = proxy.client();
            assertThat(KnowledgeStatusProbe.lastSync(client).path("indexed").asInt()).isEqualTo(1);
            assertThat(SIMULATOR.requests("/api/embed")).singleElement().satisfies(request -> {
                assertThat(request.json().path("model").asText()).isEqualTo(EMBEDDING_MODEL);
                assertThat(request.json().path("input")).hasSize(2);
            });

            JsonNode search = JSON.readTree(client.get("/rag/search?q=which+port+does+the+zebra+gateway+use").body());

            assertThat(SIMULATOR.requests("/api/embed")).hasSize(2);
            assertThat(search.path("hits")).hasSize(2).allSatisfy(hit ->
                    assertThat(hit.path("similarity").asDouble()).isBetween(-1.0, 1.0));
            assertThat(search.path("action").asText()).isEqualTo("correct");
            assertThat(search.path("sources").path(0).path("location").asText()).isEqualTo("zebra.md › Zebra");
            JsonNode status = KnowledgeStatusProbe.status(client);
            assertThat(status.path("embedding_model").asText()).isEqualTo(EMBEDDING_MODEL);
        }
    }

    private StandaloneProxy start(String embeddingModel) {
        return StandaloneProxy.start("--ollama-proxy.rag.knowledge.dir=" + documents,
                "--ollama-proxy.rag.knowledge.embedding-model=" + embeddingModel, "--ollama-proxy.data.dir=" + data);
    }
}
