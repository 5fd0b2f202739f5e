package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proxy with one allowed origin: its preflights are answered, its requests carry the CORS headers
 * a browser needs, and another origin's preflight is refused with 403 in Ollama's error shape.
 */
class CrossOriginTests {

    private static final String ORIGIN = "https://chat.example.com";

    private static StandaloneProxy proxy;
    private static ProxyClient client;

    @BeforeAll
    static void start() {
        proxy = StandaloneProxy.start("--ollama-proxy.cors.allowed-origins=" + ORIGIN,
                "--ollama-proxy.data.dir=target/cross-origin-data");
        client = proxy.client();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void thePreflightOfAnAllowedOriginIsAnswered() {
        HttpResponse<String> preflight = client.send(preflight(ORIGIN, "POST", "authorization,content-type"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization", "content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("3600");
    }

    @Test
    void aRequestFromTheAllowedOriginCarriesTheCorsHeaders() {
        HttpResponse<String> answer = client.send(client.request("/api/chat").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Retry-After");
    }

    @Test
    void anotherOriginsPreflightIsRefusedInOllamasShape() {
        HttpResponse<String> preflight = client.send(preflight("https://evil.example", "POST", "content-type"));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(ProxyClient.json(preflight.body()).path("error").asText()).contains("cross-origin requests");
    }

    private static HttpRequest preflight(String origin, String method, String headers) {
        return client.request("/v1/chat/completions").header("Origin", origin)
                .header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
    }
}
