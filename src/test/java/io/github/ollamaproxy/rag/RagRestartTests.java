package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.OllamaProxyApplication;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The knowledge index across restarts of the whole proxy: what was indexed stays searchable at
 * once, and only the files changed while it was down are indexed again.
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

        try (ConfigurableApplicationContext proxy = start()) {
            JsonNode sync = lastSync(client(proxy));
            assertThat(sync.path("indexed").asInt()).isEqualTo(3);
        }

        Files.writeString(documents.resolve("b.md"), "# Bravo\n\nThe bravo pump now runs at noon.\n");
        Files.delete(documents.resolve("c.md"));

        try (ConfigurableApplicationContext proxy = start()) {
            ProxyClient client = client(proxy);
            JsonNode sync = lastSync(client);
            assertThat(sync.path("indexed").asInt()).isEqualTo(1);
            assertThat(sync.path("unchanged").asInt()).isEqualTo(1);
            assertThat(sync.path("removed").asInt()).isEqualTo(1);
            JsonNode search = JSON.readTree(client.get("/rag/search?q=when+does+the+bravo+pump+run").body());
            assertThat(search.path("strips").path(0).path("text").asText()).isEqualTo("The bravo pump now runs at noon.");
            assertThat(JSON.readTree(client.get("/rag/status").body()).path("documents").asInt()).isEqualTo(2);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OllamaProxyApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + TestUpstream.simulator().port(),
                "--ollama-proxy.rag.knowledge.dir=" + documents,
                "--ollama-proxy.data.dir=" + data,
                "--ollama-proxy.plugins.dir=target/no-plugins",
                "--logging.level.root=WARN");
    }

    private static ProxyClient client(ConfigurableApplicationContext proxy) {
        return new ProxyClient(Integer.parseInt(proxy.getEnvironment().getProperty("local.server.port")));
    }

    private static JsonNode lastSync(ProxyClient client) {
        await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(client.get("/rag/status").body())
                .has("last_sync"));
        try {
            return JSON.readTree(client.get("/rag/status").body()).path("last_sync");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
