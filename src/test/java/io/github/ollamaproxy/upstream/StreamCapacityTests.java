package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Long and many streams: the 30-second async timeout and the default pool sizes of Spring and
 * Camel must not cut or serialise them (see docs/benchmarks.md for the measured figures).
 */
class StreamCapacityTests extends ProxyIntegrationTest {

    @Test
    void streamLongerThanThirtySecondsIsNotCut() {
        SIMULATOR.install(SimulatedModel.named("long-stream").withTokenDelay(Duration.ofMillis(500)));

        ProxyClient.TimedLines lines = client.streamLines("/api/generate",
                "{\"model\":\"long-stream\",\"prompt\":\"go on\",\"options\":{\"num_predict\":64}}");

        assertThat(lines.lastArrival()).isGreaterThan(31_000);
        assertThat(lines.lines()).hasSize(65);
        assertThat(lines.last().path("done").asBoolean()).isTrue();
        assertThat(lines.last().path("eval_count").asInt()).isEqualTo(64);
    }

    @Test
    void fiveHundredConcurrentStreamsAllComplete() {
        SIMULATOR.install(SimulatedModel.named("busy").withTokenDelay(Duration.ofMillis(100)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        int streams = 500;
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            HttpRequest request = HttpRequest.newBuilder(client.uri("/api/chat")).timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"busy\",\"options\":{\"num_predict\":10},"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"stream " + i + "\"}]}"))
                    .build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).orTimeout(180, TimeUnit.SECONDS).join();

        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.join();
            assertThat(response.statusCode()).isEqualTo(200);
            String[] lines = response.body().split("\n");
            assertThat(lines).hasSize(11);
            assertThat(ProxyClient.json(lines[10]).path("done").asBoolean()).isTrue();
        }
    }
}
