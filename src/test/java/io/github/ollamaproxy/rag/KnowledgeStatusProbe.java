package io.github.ollamaproxy.rag;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.support.ProxyClient;

/** Reads {@code GET /rag/status} of a running proxy. */
final class KnowledgeStatusProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KnowledgeStatusProbe() {
    }

    static JsonNode status(ProxyClient client) {
        try {
            return JSON.readTree(client.get("/rag/status").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of the start-up synchronisation, once it is done. */
    static JsonNode lastSync(ProxyClient client) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(client).has("last_sync"));
        return status(client).path("last_sync");
    }
}
