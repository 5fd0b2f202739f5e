package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.ollamaproxy.support.BlackHoleServer;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The upstream accepts connections and never answers. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ollama-proxy.upstream.read-timeout=1s", "OLLAMA_PROXY_PLUGINS_DIR=target/no-plugins",
        "OLLAMA_PROXY_DATA_DIR=target/test-data-hung"})
class HungUpstreamTests extends ProxyTestBase {

    private static final BlackHoleServer BLACK_HOLE = new BlackHoleServer();


    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_OLLAMA_HOST", () -> "127.0.0.1");
        registry.add("OLLAMA_PROXY_OLLAMA_PORT", BLACK_HOLE::port);
    }

    @Test
    void healthAnswersWithinTwoSeconds() {
        assertThat(client.get("/health").statusCode()).as("first request, which also warms the JVM").isEqualTo(503);

        long start = System.nanoTime();
        HttpResponse<String> response = client.get("/health");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(2000);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(ProxyClient.json(response.body()).path("status").asText()).isEqualTo("unhealthy");
        assertThat(ProxyClient.json(response.body()).path("details").path("error").asText()).isNotBlank();
    }

    @Test
    void requestWithoutAnAnswerInTimeGets504() {
        HttpResponse<String> response = client.postJson("/api/show", "{\"model\":\"m\"}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(ProxyClient.json(response.body()).path("error").asText())
                .startsWith("upstream Ollama did not answer in time");
    }
}
