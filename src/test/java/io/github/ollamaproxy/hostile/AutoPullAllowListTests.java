package io.github.ollamaproxy.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.HostileRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Auto-pull fetches only what the allow-list permits (by default Ollama's public library): a model
 * named with a registry host, on any endpoint that pulls, is answered 404 without a pull, although
 * the simulator would serve it. The names are published upstream, so a pull that should not
 * happen would succeed and be counted.
 */
class AutoPullAllowListTests extends HostileRequestTest {

    private static final List<String> REGISTRY_NAMES = List.of("evil.example/m", "127.0.0.1:8080/library/x",
            "localhost/x", "registry.internal/team/m", "evil.example:443/m:latest", "hf.co/someone/model");

    @BeforeAll
    static void publishTheNamesUpstream() {
        REGISTRY_NAMES.forEach(name -> SIMULATOR.publish(SimulatedModel.named(name)));
    }

    static Stream<HostileRequest> registryNamesAreNotPulled() {
        List<HostileRequest> cases = new ArrayList<>();
        for (String model : REGISTRY_NAMES) {
            cases.add(request("/api/chat", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            cases.add(request("/api/generate", "{\"model\":\"" + model + "\",\"prompt\":\"hi\",\"stream\":false}"));
            cases.add(request("/api/embed", "{\"model\":\"" + model + "\",\"input\":\"hi\"}"));
            cases.add(request("/v1/chat/completions", "{\"model\":\"" + model
                    + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            cases.add(request("/v1/completions", "{\"model\":\"" + model + "\",\"prompt\":\"hi\"}"));
            cases.add(request("/v1/embeddings", "{\"model\":\"" + model + "\",\"input\":\"hi\"}"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void registryNamesAreNotPulled(HostileRequest request) {
        assertRefused(request);

        REGISTRY_NAMES.forEach(model -> assertThat(SIMULATOR.pullCount(model)).as("pulls of %s", model).isZero());
    }

    @Test
    void theOpenAiSdkGetsNotFoundWithTheReason() {
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("any-key")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();

        assertThatThrownBy(() -> openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("evil.example/m").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not pulled: the proxy pulls only library");
        assertThat(SIMULATOR.pullCount("evil.example/m")).isZero();
    }

    @Test
    void anOllamaClientGetsTheReason() {
        OllamaAPI ollama = new OllamaAPI(client.baseUrl());
        ollama.setRequestTimeoutSeconds(30);

        assertThatThrownBy(() -> ollama.chat(OllamaChatRequestBuilder.getInstance("127.0.0.1:8080/library/x")
                .withMessage(OllamaChatMessageRole.USER, "hi").build()))
                .hasMessageContaining("not pulled");
        assertThat(SIMULATOR.pullCount("127.0.0.1:8080/library/x")).isZero();
    }

    private static HostileRequest request(String path, String json) {
        String model = json.substring(json.indexOf(":\"") + 2, json.indexOf("\",")).replace("\\", "");
        return HostileRequest.of("POST", path).json(json).expect(404, "model '" + model + "' not found (not pulled")
                .as("POST " + path + " " + model);
    }
}
