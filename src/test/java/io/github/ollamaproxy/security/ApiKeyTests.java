package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy with a keys file, called by the official OpenAI SDK, an Ollama Java client and plain
 * HTTP: no key or an unknown key is refused 401 in each API's shape, a key without the scope 403,
 * a key with it goes through (and never reaches Ollama), health stays open, and keys added to or
 * removed from the file (its default place, {@code api-keys.yaml} in the data folder) take effect
 * without a restart.
 */
class ApiKeyTests {

    @TempDir
    static Path folder;

    private static Path keysFile;
    private static String inferenceSecret;
    private static String adminSecret;
    private static StandaloneProxy proxy;
    private static ProxyClient client;

    @BeforeAll
    static void startWithKeys() {
        keysFile = folder.resolve("data/api-keys.yaml");
        inferenceSecret = createKey("--owner=alice", "--scopes=inference");
        adminSecret = createKey("--owner=ops", "--scopes=inference,admin");
        proxy = StandaloneProxy.start("--ollama-proxy.data.dir=" + folder.resolve("data"));
        client = proxy.client();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void theOpenAiSdkWithoutAValidKeyIsRefusedInOpenAisShape() {
        OpenAIClient wrongKey = openAi("sk-not-a-key-of-this-proxy");

        assertThatThrownBy(() -> wrongKey.chat().completions().create(hello()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.code()).contains("invalid_api_key");
                    assertThat(e.type()).contains("authentication_error");
                });
    }

    @Test
    void theOpenAiSdkWithAnInferenceKeyChatsAndTheKeyStaysWithTheProxy() {
        ChatCompletion completion = openAi(inferenceSecret).chat().completions().create(hello());

        assertThat(completion.choices().get(0).message().content()).contains("You said: hello");
        var upstream = TestUpstream.simulator().lastRequest("/api/chat", TestUpstream.MODEL);
        assertThat(upstream.header("Authorization")).isNull();
        assertThat(upstream.header("X-API-Key")).isNull();
    }

    @Test
    void anOllamaClientNeedsAKeyAndWorksWithABearerKey() throws Exception {
        OllamaAPI withoutKey = new OllamaAPI(client.baseUrl());
        withoutKey.setRequestTimeoutSeconds(30);
        assertThatThrownBy(() -> withoutKey.chat(chatRequest())).hasMessage("Unauthorized");

        OllamaAPI withKey = new OllamaAPI(client.baseUrl());
        withKey.setRequestTimeoutSeconds(30);
        withKey.setBearerAuth(inferenceSecret);
        OllamaChatResult answer = withKey.chat(chatRequest());

        assertThat(answer.getResponseModel().getMessage().getContent()).isEqualTo("You said: hi");
    }

    @Test
    void nativeRefusalsComeInOllamasShapeWithAChallenge() {
        HttpResponse<String> missing = client.postJson("/api/chat", chatJson());
        HttpResponse<String> unknown = client.send(client.request("/api/chat").header("X-API-Key", "nope")
                .POST(HttpRequest.BodyPublishers.ofString(chatJson())).build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"ollama-smart-proxy\"");
        assertThat(ProxyClient.json(missing.body()).path("error").asText()).startsWith("no API key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(ProxyClient.json(unknown.body()).path("error").asText()).isEqualTo("invalid API key");
    }

    @Test
    void theXApiKeyHeaderWorksLikeABearerKey() {
        HttpResponse<String> answer = client.send(client.request("/api/chat").header("X-API-Key", inferenceSecret)
                .POST(HttpRequest.BodyPublishers.ofString(chatJson())).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("You said: hi");
    }

    @Test
    void modelManagementNeedsTheAdminScope() {
        String copy = "{\"source\":\"" + TestUpstream.MODEL + "\",\"destination\":\"keys-copy\"}";

        HttpResponse<String> asAlice = client.send(client.request("/api/copy").header("Authorization", "Bearer "
                + inferenceSecret).POST(HttpRequest.BodyPublishers.ofString(copy)).build());
        HttpResponse<String> asOps = client.send(client.request("/api/copy").header("Authorization", "Bearer "
                + adminSecret).POST(HttpRequest.BodyPublishers.ofString(copy)).build());
        HttpResponse<String> reindex = client.send(client.request("/rag/reindex").header("Authorization", "Bearer "
                + inferenceSecret).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(asAlice.statusCode()).isEqualTo(403);
        assertThat(ProxyClient.json(asAlice.body()).path("error").asText()).contains("lacks the admin scope");
        assertThat(asOps.statusCode()).isEqualTo(200);
        assertThat(reindex.statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyWithoutTheScopeGetsOpenAisPermissionErrorOnV1() {
        HttpResponse<String> actuator = client.send(client.request("/actuator/prometheus")
                .header("Authorization", "Bearer " + inferenceSecret).GET().build());
        HttpResponse<String> models = client.send(client.request("/v1/models")
                .header("Authorization", "Bearer " + inferenceSecret).GET().build());
        HttpResponse<String> modelsWithoutKey = client.get("/v1/models");

        assertThat(actuator.statusCode()).isEqualTo(403);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(modelsWithoutKey.statusCode()).isEqualTo(401);
        JsonNode error = ProxyClient.json(modelsWithoutKey.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void healthAndOllamasLivenessAnswerStayOpen() {
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void keysAddedToOrRemovedFromTheFileTakeEffectWithoutARestart() throws Exception {
        String later = createKey("--owner=bob");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.send(client.request("/api/tags").header("X-API-Key", later).GET().build())
                        .statusCode()).isEqualTo(200));

        String withoutBob = Files.readString(keysFile).replaceAll("(?s)- id: key_[0-9a-f]+\\n  owner: bob\\n.*$", "");
        assertThat(withoutBob).doesNotContain("bob").contains("alice");
        Path replacement = keysFile.resolveSibling("replacement.yaml");
        Files.writeString(replacement, withoutBob);
        Files.move(replacement, keysFile, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.send(client.request("/api/tags").header("X-API-Key", later).GET().build())
                        .statusCode()).isEqualTo(401));
        assertThat(client.send(client.request("/api/tags").header("X-API-Key", inferenceSecret).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aFileThatNoLongerReadsKeepsTheKeysInForce() throws Exception {
        String before = Files.readString(keysFile);
        try {
            Files.writeString(keysFile, "keys: [ this is not: yaml");
            Thread.sleep(1500);
            assertThat(client.send(client.request("/api/tags").header("X-API-Key", inferenceSecret).GET().build())
                    .statusCode()).isEqualTo(200);
            assertThat(client.get("/api/tags").statusCode()).isEqualTo(401);
        } finally {
            Files.writeString(keysFile, before);
        }
    }

    private static String createKey(String... options) {
        return TestKeys.create(keysFile, options);
    }

    private static OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static ChatCompletionCreateParams hello() {
        return ChatCompletionCreateParams.builder().model(TestUpstream.MODEL).addUserMessage("hello").build();
    }

    private static OllamaChatRequest chatRequest() {
        return OllamaChatRequestBuilder.getInstance(TestUpstream.MODEL).withMessage(OllamaChatMessageRole.USER, "hi")
                .build();
    }

    private static String chatJson() {
        return "{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
    }
}
