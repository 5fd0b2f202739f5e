package io.github.ollamaproxy.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code GET /plugins} lists every agent with its source, status and counters. */
class PluginsEndpointTests extends ProxyIntegrationTest {

    @Test
    void listsAgentsFromBeansAndYamlRoutes() {
        Map<String, JsonNode> agents = plugins();

        JsonNode example = agents.get("example");
        assertThat(example.path("source").asText()).isEqualTo("bean");
        assertThat(example.path("status").asText()).isEqualTo("loaded");
        assertThat(example.path("description").asText()).isNotBlank();
        assertThat(agents.get("concise").path("source").asText()).isEqualTo("yaml");
        assertThat(agents.get("concise").path("origin").asText()).contains("concise.camel.yaml");
        assertThat(agents.get("pirate").path("description").asText()).isEqualTo("Asks for pirate speech and marks the answer");
        assertThat(agents.get("late").path("order").asInt()).isEqualTo(100);
        assertThat(agents).doesNotContainKeys("pipeline", "pirate-response");
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
