package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import java.nio.file.Path;

import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.support.BlackHoleServer;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Nothing listens where the upstream should be: 502 in the API's shape, health unhealthy. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreachableUpstreamTests extends ProxyTestBase {

    private static final int CLOSED_PORT = BlackHoleServer.closedPort();


    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_OLLAMA_HOST", () -> "http://127.0.0.1:" + CLOSED_PORT + "/");
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-unreachable");
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
    }

    @Test
    void everyEndpointAnswers502WithTheNativeErrorShape() {
        for (HttpResponse<String> response : java.util.List.of(
                client.postJson("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"/example hi\"}]}"),
                client.postJson("/api/generate", "{\"model\":\"m\",\"prompt\":\"hi\"}"),
                client.postJson("/api/embed", "{\"model\":\"m\",\"input\":\"hi\"}"),
                client.get("/api/tags"),
                client.get("/"))) {
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(ProxyClient.json(response.body()).path("error").asText())
                    .startsWith("upstream Ollama is unreachable");
        }
    }

    @Test
    void dataFolderComesFromTheEnvironmentName(@Autowired DataFolder data) {
        assertThat(data.root()).isEqualTo(Path.of("target/test-data-unreachable").toAbsolutePath());
        assertThat(data.root()).isDirectory();
    }

    @Test
    void healthReportsTheUpstreamDown() {
        HttpResponse<String> response = client.get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        var body = ProxyClient.json(response.body());
        assertThat(body.path("status").asText()).isEqualTo("unhealthy");
        assertThat(body.path("proxy").asText()).isEqualTo("Ok");
        assertThat(body.path("upstream").asText()).isEqualTo("error");
        assertThat(body.path("details").path("upstream_url").asText()).isEqualTo("http://127.0.0.1:" + CLOSED_PORT);
        assertThat(body.path("details").path("error").asText()).isNotBlank();
    }

    @Test
    void readinessProbeIsDownWhileLivenessStaysUp() {
        HttpResponse<String> readiness = client.get("/actuator/health/readiness");
        HttpResponse<String> liveness = client.get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        var components = ProxyClient.json(readiness.body()).path("components");
        assertThat(components.path("upstream").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("camelReadinessState").path("status").asText()).isEqualTo("UP");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }
}
