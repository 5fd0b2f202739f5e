package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** Bad input and upstream errors get the native error shape and the right status. */
class ErrorHandlingTests extends ProxyIntegrationTest {

    @Test
    void malformedJsonIsABadRequest() {
        assertError(client.postJson("/api/chat", "{\"model\": llama"), 400, "invalid JSON in request body");
        assertError(client.postJson("/api/generate", "{\"model\":\"m\"} trailing"), 400, "invalid JSON in request body");
        assertError(client.postJson("/api/embed", "{"), 400, "invalid JSON in request body");
    }

    @Test
    void bodyMustBeAnObjectWithAModel() {
        assertError(client.postJson("/api/chat", "[{\"model\":\"x\"}]"), 400, "request body must be a JSON object, not an array");
        assertError(client.postJson("/api/generate", "\"text\""), 400, "request body must be a JSON object, not a string");
        assertError(client.postJson("/api/chat", "{\"messages\":[]}"), 400, "model is required");
        assertError(client.postJson("/api/generate", "{\"model\":\"  \",\"prompt\":\"x\"}"), 400, "model is required");
        assertError(client.postJson("/api/chat", "{\"model\":42}"), 400, "model must be a string");
        assertError(client.postJson("/api/chat", ""), 400, "missing request body");
    }

    @Test
    void bodyOverTheLimitIsRefused() {
        String big = "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(client.postJson("/api/generate", big), 413, "request body is larger than the limit of 1048576 bytes");

        HttpResponse<String> chunked = client.send(client.request("/api/chat")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        assertError(chunked, 413, "request body is larger than the limit");
    }

    @Test
    void requestWithoutContentTypeIsReadAsJson() {
        HttpResponse<String> noType = client.send(client.request("/api/generate")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"prompt\":\"untyped\",\"stream\":false}"))
                .build());
        assertThat(noType.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(noType.body()).path("response").asText()).isEqualTo("You said: untyped");

        HttpResponse<String> formTyped = client.send(client.request("/api/generate")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"prompt\":\"curl -d\",\"stream\":false}"))
                .build());
        assertThat(formTyped.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(formTyped.body()).path("response").asText()).isEqualTo("You said: curl -d");
    }

    @Test
    void upstreamErrorsKeepTheirStatusAndBody() {
        SIMULATOR.install(SimulatedModel.embedding("embedding-only", 4));

        HttpResponse<String> response = client.postJson("/api/chat",
                "{\"model\":\"embedding-only\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> direct = new ProxyClient(SIMULATOR.port()).postJson("/api/chat",
                "{\"model\":\"embedding-only\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400).isEqualTo(direct.statusCode());
        assertThat(response.body()).isEqualTo(direct.body()).isEqualTo("{\"error\":\"\\\"embedding-only\\\" does not support chat\"}");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void errorsNeverLeakStackTraces() {
        for (HttpResponse<String> response : List.of(
                client.postJson("/api/chat", "{\"model\": ["),
                client.postJson("/api/chat", "{\"model\":\"pull-fails\",\"messages\":[]}"),
                client.postJson("/api/embeddings", "{\"prompt\":\"no model\"}"))) {
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
            JsonNode body = ProxyClient.json(response.body());
            Iterator<String> fields = body.fieldNames();
            assertThat(fields.next()).isEqualTo("error");
            assertThat(fields.hasNext()).isFalse();
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String messageStart) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(ProxyClient.json(response.body()).path("error").asText()).startsWith(messageStart);
    }
}
