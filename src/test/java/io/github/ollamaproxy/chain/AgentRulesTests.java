package io.github.ollamaproxy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.DocExamples;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules example of docs/agents.md, as a user would copy it into a routes folder: agents chosen
 * by the content of the request.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentRulesTests extends ProxyTestBase {

    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    private static final Path ROUTES = folderWithTheDocumentedRules();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-rules");
        registry.add("OLLAMA_PROXY_ROUTES_DIR", ROUTES::toString);
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
    }

    @Test
    void everyRequestToTheNamedModelsGetsTheOptimizer() {
        SIMULATOR.install(SimulatedModel.named("qwen2.5-coder:7b"));

        HttpResponse<String> response = client.postJson("/api/chat", chat("qwen2.5-coder:7b", 1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("opt");
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Optimizer")).isPresent();
    }

    @Test
    void longConversationsGetRetrieval() {
        HttpResponse<String> response = client.postJson("/api/chat", chat(TestUpstream.MODEL, 7));

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("rag");
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag")).isPresent();
    }

    @Test
    void otherRequestsGetNoAgentAndReachTheModelUnchanged() {
        String body = chat(TestUpstream.MODEL, 3);

        HttpResponse<String> response = client.postJson("/api/chat", body);

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).isEmpty();
        assertThat(new String(SIMULATOR.lastRequest("/api/chat", TestUpstream.MODEL).body(), StandardCharsets.UTF_8))
                .isEqualTo(body);
    }

    @Test
    void aChosenAgentIsNotChosenTwice() {
        HttpResponse<String> response = client.postJson("/api/chat", chat(TestUpstream.MODEL, 7)
                .replace("question 7", "/rag question 7"));

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("rag");
    }

    /** A chat of {@code messages} messages, alternately the user's and the assistant's, the user's last. */
    private static String chat(String model, int messages) {
        StringBuilder json = new StringBuilder("{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[");
        for (int i = 1; i <= messages; i++) {
            String role = (messages - i) % 2 == 0 ? "user" : "assistant";
            json.append(i > 1 ? "," : "").append("{\"role\":\"").append(role).append("\",\"content\":")
                    .append(ProxyClient.quote(role.equals("user") ? "question " + i : "answer " + i)).append('}');
        }
        return json.append("]}").toString();
    }

    private static Path folderWithTheDocumentedRules() {
        try {
            Path folder = Files.createTempDirectory("rules");
            Files.writeString(folder.resolve("choose-agents.camel.yaml"),
                    DocExamples.yaml(Path.of("docs/agents.md"), "rules"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
