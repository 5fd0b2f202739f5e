package io.github.ollamaproxy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code GET /plugins} lists every agent with its source, routes, position, guards, status and counters. */
class AgentsReportTests extends ProxyIntegrationTest {

    @Test
    void listsJavaAndYamlAgentsWithTheirRoutesAndPositions() {
        Map<String, JsonNode> agents = plugins();

        JsonNode example = agents.get("example");
        assertThat(example.path("source").asText()).isEqualTo("bean");
        assertThat(example.path("status").asText()).isEqualTo("loaded");
        assertThat(example.path("description").asText()).isNotBlank();
        assertThat(example.path("routes").path("request").asText()).isEqualTo("agent-example");
        assertThat(example.path("routes").path("response").asText()).isEqualTo("agent-example-response");
        assertThat(example.path("routes").has("completion")).isFalse();
        assertThat(agents.get("concise").path("source").asText()).isEqualTo("yaml");
        assertThat(agents.get("concise").path("origin").asText()).contains("concise.camel.yaml");
        assertThat(agents.get("pirate").path("description").asText()).isEqualTo("Asks for pirate speech and marks the answer");
        assertThat(agents.get("pirate").path("routes").path("response").asText()).isEqualTo("agent-pirate-response");
        assertThat(agents.get("late").path("position").asInt()).isEqualTo(100);
        assertThat(agents).doesNotContainKeys("pipeline", "pirate-response");
    }

    @Test
    void shippedAgentsCarryTheirPositionsAndGuardsFromYaml() {
        Map<String, JsonNode> agents = plugins();

        JsonNode rag = agents.get("rag");
        assertThat(rag.path("position").asInt()).isEqualTo(500);
        assertThat(rag.path("timeout_ms").asLong()).isEqualTo(10_000);
        assertThat(rag.path("breaker").asText()).isEqualTo("agent");
        assertThat(rag.path("origin").asText()).isEqualTo("io.github.ollamaproxy.rag.RagAgent");
        JsonNode opt = agents.get("opt");
        assertThat(opt.path("position").asInt()).isEqualTo(1000);
        assertThat(opt.path("routes").path("completion").asText()).isEqualTo("agent-opt-completion");
        assertThat(opt.has("timeout_ms")).isFalse();
        assertThat(opt.path("endpoints").toString()).isEqualTo("[\"chat\",\"generate\"]");
    }

    @Test
    void countsRunsAndFailures() {
        long runs = plugins().get("failing").path("runs").asLong();
        long failures = plugins().get("failing").path("failures").asLong();

        client.postJson("/api/chat", "{\"model\":\"" + MODEL + "\",\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"/failing count me\"}]}");

        JsonNode failing = plugins().get("failing");
        assertThat(failing.path("runs").asLong()).isEqualTo(runs + 1);
        assertThat(failing.path("failures").asLong()).isEqualTo(failures + 1);
        assertThat(failing.path("status").asText()).isEqualTo("loaded");
    }

    private Map<String, JsonNode> plugins() {
        var response = client.get("/plugins");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        ProxyClient.json(response.body()).forEach(agent -> byName.put(agent.path("name").asText(), agent));
        return byName;
    }
}
