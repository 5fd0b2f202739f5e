package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** What no route serves is answered in the shape of the API the path belongs to. */
class UnknownPathTests extends ProxyIntegrationTest {

    @Test
    void unknownOpenAiPathGetsOpenAisErrorObject() {
        HttpResponse<String> response = client.get("/v1/assistants");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode error = ProxyClient.json(response.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("no such endpoint: GET /v1/assistants");
        assertThat(error.path("type").asText()).isEqualTo("not_found_error");
        assertThat(error.path("code").asText()).isEqualTo("unknown_url");
    }

    @Test
    void unknownPathElsewhereGetsOllamasErrorShape() {
        HttpResponse<String> response = client.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.json(response.body()).path("error").asText()).isEqualTo("no such endpoint: GET /metrics");
        assertThat(response.body()).doesNotContain("timestamp");
    }

    @Test
    void wrongMethodOnAnOpenAiEndpointGets405InOpenAisShape() {
        HttpResponse<String> response = client.get("/v1/chat/completions");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(ProxyClient.json(response.body()).path("error").path("message").asText())
                .isEqualTo("method GET is not allowed on /v1/chat/completions");
    }

    @Test
    void wrongMethodOnAnAdminEndpointGets405InOllamasShape() {
        HttpResponse<String> response = client.send(client.request("/health")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(ProxyClient.json(response.body()).path("error").asText())
                .isEqualTo("method POST is not allowed on /health");
    }

    @Test
    void probesReportTheCamelContextTheUpstreamAndTheKnowledgeBase() {
        HttpResponse<String> readiness = client.get("/actuator/health/readiness");
        HttpResponse<String> liveness = client.get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = ProxyClient.json(readiness.body()).path("components");
        assertThat(components.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "camelReadinessState", "upstream", "knowledgeBase");
        assertThat(components.path("upstream").path("status").asText()).isEqualTo("UP");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(liveness.body()).path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("livenessState", "camelLivenessState");
    }
}
