package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.ollamaproxy.simulator.EarlyClose;
import io.github.ollamaproxy.simulator.Fault;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** Streams are relayed line by line, never cut, and stopped upstream when the client leaves. */
class StreamingTests extends ProxyIntegrationTest {

    private static final int TOKENS = 10;

    @Test
    void linesReachTheClientAsOllamaSendsThem() {
        SIMULATOR.install(SimulatedModel.named("slow-tokens").withTokenDelay(Duration.ofMillis(100)));
        String body = generate("slow-tokens", TOKENS);

        ProxyClient.TimedLines direct = new ProxyClient(SIMULATOR.port()).streamLines("/api/generate", body);
        ProxyClient.TimedLines proxied = client.streamLines("/api/generate", body);

        System.out.printf("streamed %d tokens 100 ms apart: direct first %d ms last %d ms; proxy first %d ms last %d ms%n",
                TOKENS, direct.first(), direct.lastArrival(), proxied.first(), proxied.lastArrival());
        assertThat(proxied.lines()).hasSize(TOKENS + 1);
        assertThat(proxied.response().headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(proxied.response().headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(proxied.response().headers().firstValue("Content-Length")).isEmpty();
        assertThat(proxied.lastArrival() - proxied.first()).isGreaterThanOrEqualTo(800);
        assertThat(proxied.first()).isLessThan(proxied.lastArrival() / 2);
    }

    @Test
    void streamsAreNeverCompressed() {
        HttpResponse<String> response = client.send(client.request("/api/chat")
                .header("Accept-Encoding", "gzip, deflate")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"zip me\"}]}"))
                .build());

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).startsWith("{\"model\"");
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).header("Accept-Encoding")).isNull();
    }

    @Test
    void clientDisconnectAbortsTheUpstreamRequest() throws Exception {
        SIMULATOR.install(SimulatedModel.named("abandoned").withTokenDelay(Duration.ofMillis(100)));

        HttpResponse<InputStream> response = client.open(client.request("/api/chat")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"abandoned\",\"options\":{\"num_predict\":100},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"long answer\"}]}"))
                .build());
        try (InputStream body = response.body();
             BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).contains("\"done\":false");
            assertThat(reader.readLine()).contains("\"done\":false");
        }
        long closedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> SIMULATOR.earlyCloses().stream()
                .anyMatch(close -> close.model().equals("abandoned")));
        EarlyClose close = SIMULATOR.earlyCloses().stream().filter(c -> c.model().equals("abandoned")).findFirst()
                .orElseThrow();
        System.out.printf("upstream noticed the abort %d ms after the client left, after %d of 100 lines%n",
                (System.nanoTime() - closedAt) / 1_000_000, close.linesSent());
        assertThat(close.path()).isEqualTo("/api/chat");
        assertThat(close.linesSent()).isLessThan(50);
    }

    @Test
    void upstreamErrorLinesAreRelayedUnchanged() {
        SIMULATOR.install(SimulatedModel.named("breaks-politely").withFault(Fault.errorLineAfter(3)));

        ProxyClient.TimedLines lines = client.streamLines("/api/generate", generate("breaks-politely", 10));

        assertThat(lines.response().statusCode()).isEqualTo(200);
        assertThat(lines.lines()).hasSize(4);
        assertThat(lines.last().path("error").asText()).isEqualTo("simulated failure after 3 tokens");
    }

    @Test
    void brokenUpstreamConnectionEndsTheStreamWithAnErrorLine() {
        SIMULATOR.install(SimulatedModel.named("crashes").withFault(Fault.disconnectAfter(3)));

        ProxyClient.TimedLines lines = client.streamLines("/api/generate", generate("crashes", 10));

        assertThat(lines.response().statusCode()).isEqualTo(200);
        assertThat(lines.lines()).hasSize(4);
        assertThat(lines.json(2).path("done").asBoolean()).isFalse();
        assertThat(lines.last().path("error").asText()).startsWith("upstream connection lost");
    }

    private static String generate(String model, int tokens) {
        return "{\"model\":\"" + model + "\",\"prompt\":\"count\",\"options\":{\"num_predict\":" + tokens + "}}";
    }
}
