package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that arrive while the proxy starts: the port opens before Camel has started its
 * routes; until every route serves, every path answers 503 with {@code Retry-After} in its API's
 * shape, never a 404 of a route that is not there yet.
 */
class StartupGateTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    @TempDir
    Path data;

    @Test
    void requestsDuringStartAreRefusedWith503UntilEveryRouteServes() throws Exception {
        int port = freePort();
        CompletableFuture<StandaloneProxy> starting = CompletableFuture.supplyAsync(() -> StandaloneProxy.start(
                "--server.port=" + port, "--OLLAMA_PROXY_DATA_DIR=" + data));
        List<HttpResponse<String>> early = new ArrayList<>();
        HttpResponse<String> first = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (first == null && System.nanoTime() < deadline) {
            HttpResponse<String> response = chat(port);
            if (response == null || response.statusCode() == 503) {
                if (response != null) {
                    early.add(response);
                }
                Thread.sleep(5);
            } else {
                first = response;
            }
        }
        try (StandaloneProxy proxy = starting.get()) {
            assertThat(first).as("an answer after the start").isNotNull();
            assertThat(first.statusCode()).as("the first answer that is not 503: %s", first.body()).isEqualTo(200);
            assertThat(ProxyClient.json(first.body()).path("object").asText()).isEqualTo("chat.completion");
            for (HttpResponse<String> refused : early) {
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                JsonNode error = ProxyClient.json(refused.body()).path("error");
                assertThat(error.path("message").asText()).contains("starting");
                assertThat(error.path("code").asText()).isEqualTo("not_ready");
            }
            assertThat(proxy.client().get("/api/version").statusCode()).isEqualTo(200);
        }
    }

    /** The chat request, or null while the port is closed. */
    private static HttpResponse<String> chat(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + TestUpstream.MODEL
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
