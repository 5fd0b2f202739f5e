package io.github.ollamaproxy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import io.github.ollamaproxy.support.TestAgents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agent chain as YAML composes it: positions, conditions, time limits and circuit breakers set
 * on agent routes, YAML agents that fail, and agents made of other agents.
 */
class AgentChainTests extends ProxyIntegrationTest {

    @Autowired
    TestAgents.SlowAgent slow;

    @Autowired
    TestAgents.FlakyAgent flaky;

    @Test
    void aPositionSetInYamlOrdersTheAgentAmongJavaOrders() {
        client.postJson("/api/chat", chat(MODEL, "/positioned /late hi"));

        assertThat(lastUserContent(MODEL)).isEqualTo("hi <late> <positioned>");
    }

    @Test
    void anAgentThatAnswersEndsTheChain() {
        int before = SIMULATOR.requests("/api/chat").size();

        HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "/late /answering question"));

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("answering");
        assertThat(ProxyClient.json(response.body()).path("message").path("content").asText())
                .isEqualTo("Answered by the test agent: question");
        assertThat(SIMULATOR.requests("/api/chat")).hasSize(before);
    }

    @Test
    void anAgentRunsOnlyForTheModelsAndEndpointsItsRouteNames() {
        SIMULATOR.install(SimulatedModel.named("choosy-model"));

        HttpResponse<String> otherModel = client.postJson("/api/generate", generate(MODEL, "/choosy hi"));
        HttpResponse<String> chat = client.postJson("/api/chat", chat("choosy-model", "/choosy hi"));
        HttpResponse<String> both = client.postJson("/api/generate", generate("choosy-model", "/choosy hi"));

        assertThat(otherModel.headers().firstValue("X-Ollama-Proxy-Agents")).isEmpty();
        assertThat(SIMULATOR.lastRequest("/api/generate", MODEL).json().path("prompt").asText()).isEqualTo("hi");
        assertThat(chat.headers().firstValue("X-Ollama-Proxy-Agents")).isEmpty();
        assertThat(both.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("choosy");
        assertThat(SIMULATOR.lastRequest("/api/generate", "choosy-model").json().path("prompt").asText())
                .isEqualTo("hi <choosy>");
    }

    @Test
    void anAgentOverItsTimeLimitIsLeftBehindAndItsLateChangeNeverArrives() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "/slow /example quick"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(millis).isLessThan(TestAgents.SlowAgent.DELAY.toMillis());
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agent-Failures"))
                .hasValue("slow (timed out after 300 ms)");
        assertThat(lastUserContent(MODEL)).isEqualTo("[Example Agent] quick");
        assertThat(slow.finished.poll(5, TimeUnit.SECONDS)).isEqualTo("quick <slow>");
        assertThat(lastUserContent(MODEL)).isEqualTo("[Example Agent] quick");
    }

    @Test
    void afterRepeatedFailuresTheBreakerSkipsTheAgentWithoutCallingIt() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "/flaky hello"));
            assertThat(response.statusCode()).isEqualTo(200);
            failures.add(response.headers().firstValue("X-Ollama-Proxy-Agent-Failures").orElseThrow());
        }

        assertThat(failures.subList(0, 2)).allSatisfy(failure -> assertThat(failure)
                .startsWith("flaky (java.lang.IllegalStateException: flaky "));
        assertThat(failures.subList(2, 4)).containsOnly("flaky (circuit breaker open)");
        assertThat(flaky.calls.get()).isEqualTo(2);
        assertThat(lastUserContent(MODEL)).isEqualTo("hello");
    }

    @Test
    void aFailingYamlAgentIsRolledBackReportedAndTheOthersStillRun() {
        HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "/broken /example still"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agent-Failures"))
                .hasValue("broken (java.lang.IllegalStateException: yaml boom)");
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("broken, example");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("content").asText()).isEqualTo("[Example Agent] still");
    }

    @Test
    void theSupportAgentIsMadeOfOtherAgentsAndSearchesOnlyTheTroubleshootingGuide() {
        HttpResponse<String> response = client.postJson("/api/chat",
                chat(MODEL, "/support Clients get 404 for /v1/chat/completions right after the proxy started"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("support, rag, concise");
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag").orElseThrow()).startsWith("action=");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        List<String> system = new ArrayList<>();
        messages.forEach(message -> {
            if (message.path("role").asText().equals("system")) {
                system.add(message.path("content").asText());
            }
        });
        assertThat(system.get(0)).startsWith("You are the support desk of the Ollama smart proxy.");
        assertThat(system).anySatisfy(text -> assertThat(text).contains("troubleshooting.md"));
        assertThat(String.join("\n", system)).doesNotContain("configuration.md", "getting-started.md");
        assertThat(system.get(system.size() - 1)).isEqualTo("Answer in three sentences at most.");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .isEqualTo("Clients get 404 for /v1/chat/completions right after the proxy started");
    }

    private static String lastUserContent(String model) {
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", model).json().path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    private static String chat(String model, String content) {
        return "{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":"
                + ProxyClient.quote(content) + "}]}";
    }

    private static String generate(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"stream\":false,\"prompt\":" + ProxyClient.quote(prompt) + "}";
    }
}
