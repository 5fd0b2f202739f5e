package io.github.ollamaproxy.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** A model missing upstream is pulled before chat, generate and embed; once per model. */
class ModelAutoPullTests extends ProxyIntegrationTest {

    @Test
    void missingModelIsPulledThenTheRequestProceeds() {
        SIMULATOR.publish(SimulatedModel.named("pulled-on-demand"));

        HttpResponse<String> response = client.postJson("/api/generate",
                "{\"model\":\"pulled-on-demand\",\"prompt\":\"first use\",\"stream\":false}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(response.body()).path("response").asText()).isEqualTo("You said: first use");
        assertThat(SIMULATOR.pullCount("pulled-on-demand")).isEqualTo(1);
        assertThat(SIMULATOR.lastRequest("/api/pull", "pulled-on-demand").json().path("stream").asBoolean()).isTrue();

        client.postJson("/api/generate", "{\"model\":\"pulled-on-demand:latest\",\"prompt\":\"again\",\"stream\":false}");
        assertThat(SIMULATOR.pullCount("pulled-on-demand")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForTheSameMissingModelShareOnePull() {
        SIMULATOR.publish(SimulatedModel.named("wanted-by-many"));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String model = i % 2 == 0 ? "wanted-by-many" : "Wanted-By-Many:latest";
            responses.add(CompletableFuture.supplyAsync(() -> client.postJson("/api/chat",
                    "{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        }

        responses.forEach(future -> assertThat(future.join().statusCode()).isEqualTo(200));
        assertThat(SIMULATOR.pullCount("wanted-by-many")).isEqualTo(1);
    }

    @Test
    void nameWithoutTagIsTheLatestTag() {
        client.postJson("/api/chat", "{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[]}");
        client.postJson("/api/chat", "{\"model\":\"" + MODEL + ":latest\",\"stream\":false,\"messages\":[]}");

        assertThat(SIMULATOR.pullCount(MODEL)).isZero();
    }

    @Test
    void failedPullIsA404InTheNativeShape() {
        HttpResponse<String> response = client.postJson("/api/chat",
                "{\"model\":\"not-in-any-registry\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(ProxyClient.json(response.body()).path("error").asText())
                .isEqualTo("model 'not-in-any-registry' not found (pulling it failed: pull model manifest: file does not exist)");
    }

    @Test
    void embedPullsItsModelToo() {
        SIMULATOR.publish(SimulatedModel.embedding("pulled-embedder", 4));

        HttpResponse<String> response = client.postJson("/api/embed", "{\"model\":\"pulled-embedder\",\"input\":\"text\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(response.body()).path("embeddings").get(0)).hasSize(4);
        assertThat(SIMULATOR.pullCount("pulled-embedder")).isEqualTo(1);
    }

    @Test
    void modelListIsCachedBetweenRequests() {
        client.postJson("/api/chat", "{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[]}");
        int before = SIMULATOR.requests("/api/tags").size();

        for (int i = 0; i < 5; i++) {
            client.postJson("/api/chat", "{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[]}");
        }

        assertThat(SIMULATOR.requests("/api/tags")).hasSize(before);
    }
}
