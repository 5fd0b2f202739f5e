package io.github.ollamaproxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code GET /health} with a healthy upstream (unhealthy cases: UnreachableUpstreamTests, HungUpstreamTests). */
class HealthEndpointTests extends ProxyIntegrationTest {

    @Test
    void healthyUpstreamGives200WithDetails() {
        HttpResponse<String> response = client.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ProxyClient.json(response.body());
        assertThat(body.path("status").asText()).isEqualTo("healthy");
        assertThat(body.path("proxy").asText()).isEqualTo("Ok");
        assertThat(body.path("upstream").asText()).isEqualTo("Ok");
        JsonNode details = body.path("details");
        assertThat(details.path("upstream_version").asText()).isEqualTo("0.13.5");
        assertThat(details.path("model_count").asInt()).isEqualTo(
                ProxyClient.json(new ProxyClient(SIMULATOR.port()).get("/api/tags").body()).path("models").size());
        assertThat(details.path("latency_ms").asLong()).isBetween(0L, 1500L);
        assertThat(details.path("upstream_url").asText()).isEqualTo("http://127.0.0.1:" + SIMULATOR.port());
    }
}
