package io.github.ollamaproxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/completions}, {@code /v1/embeddings}, {@code /v1/models} and the OpenAI error shape. */
class OpenAiCompletionsEmbeddingsModelsTests extends ProxyIntegrationTest {

    private OpenAIClient openAi;

    @BeforeEach
    void sdk() {
        openAi = OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("any-key")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        SIMULATOR.install(SimulatedModel.embedding("openai-embedder", 16));
    }

    @Test
    void textCompletionWithSuffixAndEcho() {
        Completion completion = openAi.completions().create(CompletionCreateParams.builder().model(MODEL)
                .prompt("def add(a, b):").suffix("# end").echo(true).maxTokens(5).build());

        assertThat(completion.id()).startsWith("cmpl-");
        CompletionChoice choice = completion.choices().get(0);
        assertThat(choice.text()).isEqualTo("def add(a, b):You said: def add(a, b):");
        assertThat(choice.finishReason()).isEqualTo(CompletionChoice.FinishReason.LENGTH);
        JsonNode upstream = SIMULATOR.lastRequest("/api/generate", MODEL).json();
        assertThat(upstream.path("prompt").asText()).isEqualTo("def add(a, b):");
        assertThat(upstream.path("suffix").asText()).isEqualTo("# end");
        assertThat(upstream.path("options").path("num_predict").asInt()).isEqualTo(5);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
    }

    @Test
    void textCompletionStreams() {
        List<Completion> chunks = new ArrayList<>();
        try (StreamResponse<Completion> stream = openAi.completions().createStreaming(CompletionCreateParams.builder()
                .model(MODEL).prompt("/example streamed text").build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.choices().get(0).text()));
        assertThat(text).hasToString("You said: streamed text");
        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
                .isEqualTo(CompletionChoice.FinishReason.STOP);
        assertThat(chunks).allMatch(chunk -> chunk.id().equals(chunks.get(0).id()));
    }

    @Test
    void embeddingsAsFloatsAndAsBase64AreTheSame() {
        CreateEmbeddingResponse floats = openAi.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai-embedder").inputOfArrayOfStrings(List.of("first", "second")).dimensions(8)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        CreateEmbeddingResponse base64 = openAi.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai-embedder").inputOfArrayOfStrings(List.of("first", "second")).dimensions(8)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());

        assertThat(floats.data()).hasSize(2);
        assertThat(floats.data().get(1).index()).isEqualTo(1);
        List<Float> vector = floats.data().get(0).embedding();
        assertThat(vector).hasSize(8);
        double norm = vector.stream().mapToDouble(v -> v * v).sum();
        assertThat(norm).isCloseTo(1.0, within(1e-4));
        assertThat(base64.data().get(0).embeddingValue().base64()).isPresent();
        assertThat(base64.data().get(0).embedding()).isEqualTo(vector);
        assertThat(floats.usage().promptTokens()).isEqualTo(floats.usage().totalTokens()).isPositive();
        assertThat(SIMULATOR.lastRequest("/api/embed", "openai-embedder").json().path("dimensions").asInt()).isEqualTo(8);
    }

    @Test
    void modelsAreListedAndRetrievedEvenWithSlashesAndColons() {
        SIMULATOR.install(SimulatedModel.named("team/coder:7b"));

        List<Model> models = openAi.models().list().data();
        assertThat(models).extracting(Model::id).contains(MODEL + ":latest", "team/coder:7b");
        Model teamModel = models.stream().filter(m -> m.id().equals("team/coder:7b")).findFirst().orElseThrow();
        assertThat(teamModel.ownedBy()).isEqualTo("team");
        assertThat(teamModel.created()).isPositive();

        assertThat(openAi.models().retrieve("team/coder:7b").id()).isEqualTo("team/coder:7b");
        assertThat(ProxyClient.json(client.get("/v1/models/team%2Fcoder%3A7b").body()).path("id").asText())
                .isEqualTo("team/coder:7b");
        assertThat(ProxyClient.json(client.get("/v1/models/team/coder:7b").body()).path("owned_by").asText())
                .isEqualTo("team");
        assertThatThrownBy(() -> openAi.models().retrieve("missing-model")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("model 'missing-model' not found");
    }

    @Test
    void badInputIsA400InOpenAisShape() {
        assertOpenAiError(client.postJson("/v1/chat/completions", "{\"model\": "), 400, "invalid_request_error",
                "invalid JSON in request body");
        assertOpenAiError(client.postJson("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[]}"), 400,
                "invalid_request_error", "[] is too short - 'messages'");
        assertOpenAiError(client.postJson("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":2}]}"), 400,
                "invalid_request_error", "invalid message content type: number");
        assertOpenAiError(client.postJson("/v1/embeddings", "{\"model\":\"openai-embedder\",\"input\":\"x\","
                + "\"encoding_format\":\"hex\"}"), 400, "invalid_request_error",
                "Invalid value for 'encoding_format' = hex. Supported values: ['float', 'base64'].");
        assertOpenAiError(client.postJson("/v1/completions", "{\"model\":\"" + MODEL + "\",\"prompt\":[\"a\",\"b\"]}"), 400,
                "invalid_request_error", "'prompt' must be a string");
        assertOpenAiError(client.postJson("/v1/embeddings", "{\"model\":\"openai-embedder\",\"input\":[]}"), 400,
                "invalid_request_error", "invalid input");
        assertThatThrownBy(() -> openAi.chat().completions().create(com.openai.models.chat.completions
                .ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("x").n(2).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'n' must be 1");
    }

    @Test
    void bodyOverTheLimitIsA413InOpenAisShape() {
        String big = "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + "x".repeat(1_100_000) + "\"}";
        assertOpenAiError(client.postJson("/v1/completions", big), 413, "invalid_request_error",
                "request body is larger than the limit");
    }

    @Test
    void upstreamErrorsKeepTheirStatusInOpenAisShape() {
        HttpResponse<String> response = client.postJson("/v1/chat/completions",
                "{\"model\":\"openai-embedder\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertOpenAiError(response, 400, "invalid_request_error", "\"openai-embedder\" does not support chat");
    }

    @Test
    void streamedErrorsBeforeTheFirstByteAreStillJson() {
        HttpResponse<String> response = client.send(client.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"never-existed\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());

        assertOpenAiError(response, 404, "not_found_error", "model 'never-existed' not found");
        assertThat(ProxyClient.json(response.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    private static void assertOpenAiError(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode error = ProxyClient.json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).startsWith(message);
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }
}
