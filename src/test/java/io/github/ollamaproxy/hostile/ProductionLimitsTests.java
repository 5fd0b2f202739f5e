package io.github.ollamaproxy.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.github.ollamaproxy.simulator.RecordedRequest;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.Compression;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With the shipped body limit (64 MB) instead of the tests' 1 MB: a large image in base64 (a
 * 25 MB string, over Jackson's default string limit of 20 MB) goes through whole, so does a 10 MB
 * request sent gzip-compressed, while a gzip bomb stops at the inflation ratio; and an auto-pull allow-list that adds a private registry lets its models be
 * pulled while other hosts still are not.
 */
@TestPropertySource(properties = {"ollama-proxy.limits.max-request-body=64MB", "ollama-proxy.data.dir=target/test-data-limits",
        "ollama-proxy.models.auto-pull-allow=library,registry.internal:5000/*"})
class ProductionLimitsTests extends ProxyIntegrationTest {

    private static final int MB = 1024 * 1024;

    @Test
    void aTwentyFiveMegabyteImageGoesThroughWhole() {
        String image = "A".repeat(25 * MB);
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"describe\",\"images\":[\"" + image + "\"]}]}";

        HttpResponse<String> response = client.postJson("/api/chat", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ProxyClient.json(response.body()).path("message").path("content").asText())
                .isEqualTo("You said: describe");
        RecordedRequest upstream = SIMULATOR.requests("/api/chat").get(SIMULATOR.requests("/api/chat").size() - 1);
        assertThat(upstream.bodySize()).isGreaterThan(25 * MB);
    }

    @Test
    void aGzipBombStopsAtTheInflationRatio() {
        HttpResponse<String> response = client.send(client.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Compression.gzippedZeros(512L * MB))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ProxyClient.json(response.body()).path("error").path("message").asText())
                .isEqualTo("the gzip request body inflates to more than 200 times its size");
    }

    @Test
    void aLargeCompressedRequestGoesThrough() {
        StringBuilder prompt = new StringBuilder();
        Random words = new Random(7);
        while (prompt.length() < 10 * MB) {
            prompt.append(Long.toString(words.nextLong() & Long.MAX_VALUE, 36)).append(' ');
        }
        String body = "{\"model\":\"" + MODEL + "\",\"stream\":false,\"prompt\":\"" + prompt.toString().strip() + "\"}";

        HttpResponse<String> response = client.send(client.request("/api/generate")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Compression.gzip(body.getBytes(StandardCharsets.UTF_8)))).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RecordedRequest upstream = SIMULATOR.requests("/api/generate").get(SIMULATOR.requests("/api/generate").size() - 1);
        assertThat(upstream.bodySize()).isGreaterThan(10 * MB);
    }

    @Test
    void aRegistryOnTheAllowListIsPulledAndOthersAreNot() {
        SIMULATOR.publish(SimulatedModel.named("registry.internal:5000/team/coder"));
        SIMULATOR.publish(SimulatedModel.named("registry.other:5000/team/coder"));

        HttpResponse<String> allowed = client.postJson("/api/generate",
                "{\"model\":\"registry.internal:5000/team/coder\",\"prompt\":\"hi\",\"stream\":false}");
        HttpResponse<String> refused = client.postJson("/api/generate",
                "{\"model\":\"registry.other:5000/team/coder\",\"prompt\":\"hi\",\"stream\":false}");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(SIMULATOR.pullCount("registry.internal:5000/team/coder")).isEqualTo(1);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.json(refused.body()).path("error").asText())
                .contains("not pulled: the proxy pulls only library, registry.internal:5000/*");
        assertThat(SIMULATOR.pullCount("registry.other:5000/team/coder")).isZero();
    }
}
