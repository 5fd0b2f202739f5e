package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.ollamaproxy.support.ForgetfulOllama;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pooled connections are not checked before every reuse; when the upstream closed one meanwhile,
 * the request is sent again on a fresh connection and the client never sees the failure.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"OLLAMA_PROXY_PLUGINS_DIR=target/no-plugins", "OLLAMA_PROXY_DATA_DIR=target/test-data-stale"})
class StaleConnectionTests extends ProxyTestBase {

    private static final ForgetfulOllama OLLAMA = new ForgetfulOllama();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_OLLAMA_HOST", () -> "127.0.0.1");
        registry.add("OLLAMA_PROXY_OLLAMA_PORT", OLLAMA::port);
    }

    @AfterAll
    static void stop() throws IOException {
        OLLAMA.close();
    }

    @Test
    void aRequestOnAConnectionTheUpstreamClosedIsSentAgainOnce() throws InterruptedException {
        for (int request = 0; request < 5; request++) {
            HttpResponse<String> answer = client.send(client.request("/api/chat")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + ForgetfulOllama.MODEL
                            + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi " + request
                            + "\"}]}")).build());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(ProxyClient.json(answer.body()).path("message").path("content").asText())
                    .isEqualTo("Remembered nothing.");
            Thread.sleep(300);
        }

        assertThat(OLLAMA.chats()).isEqualTo(5);
        assertThat(OLLAMA.connections()).isGreaterThanOrEqualTo(5);
    }
}
