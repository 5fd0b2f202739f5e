package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import io.github.ollamaproxy.web.AccessLogFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Per-key limits and usage through the HTTP port: the requests-per-minute throttle, the daily token
 * budget and the model list refuse with 429 (and {@code Retry-After}) or 403 in each API's shape;
 * usage of streamed and whole answers is counted per key and model, exported to Prometheus, and
 * still there after a restart; each request leaves one access-log line without prompt or secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyLimitsAndUsageTests {

    private static final String OTHER_MODEL = "limits-other";
    private static final String SLOW_MODEL = "limits-slow";

    @TempDir
    static Path folder;

    private static Path keysFile;

    @BeforeAll
    static void keys() {
        keysFile = folder.resolve("data/api-keys.yaml");
        TestUpstream.simulator().install(SimulatedModel.named(OTHER_MODEL));
        TestUpstream.simulator().install(SimulatedModel.named(SLOW_MODEL).withTokenDelay(Duration.ofMillis(100)));
    }

    @Test
    void theThirdRequestInAMinuteOfATwoPerMinuteKeyIsRefusedWithRetryAfter() {
        String secret = createKey("--requests-per-minute=2");
        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();
            HttpResponse<String> first = chat(client, secret, TestUpstream.MODEL, false);
            HttpResponse<String> second = chat(client, secret, TestUpstream.MODEL, false);
            HttpResponse<String> third = chat(client, secret, TestUpstream.MODEL, false);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).contains("30");
            assertThat(ProxyClient.json(third.body()).path("error").asText()).contains("requests-per-minute");

            assertThatThrownBy(() -> openAi(client, secret).chat().completions().create(hello(TestUpstream.MODEL)))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.code()).contains("rate_limit_exceeded");
                        assertThat(e.headers().values("Retry-After")).containsExactly("30");
                    });
        }
    }

    @Test
    void aKeyThatUsedItsDailyTokensIsRefusedUntilMidnight() {
        String secret = createKey("--tokens-per-day=1");
        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();
            HttpResponse<String> first = chat(client, secret, TestUpstream.MODEL, false);
            HttpResponse<String> second = chat(client, secret, TestUpstream.MODEL, false);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(ProxyClient.json(second.body()).path("error").asText()).contains("tokens for today");
            long retryAfter = Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 86_400L);
        }
    }

    @Test
    void aKeyAtItsConcurrentRequestsIsRefusedWhileItsStreamRunsAndServedAfter() throws Exception {
        String secret = createKey("--concurrent-requests=1");
        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();
            String slow = "{\"model\":\"" + SLOW_MODEL + "\",\"options\":{\"num_predict\":15},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";
            HttpResponse<InputStream> running = client.open(client.request("/api/chat")
                    .header("X-API-Key", secret).POST(HttpRequest.BodyPublishers.ofString(slow)).build());
            BufferedReader lines = new BufferedReader(new InputStreamReader(running.body(),
                    StandardCharsets.UTF_8));
            assertThat(lines.readLine()).contains("\"done\":false");

            HttpResponse<String> second = chat(client, secret, TestUpstream.MODEL, false);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat(ProxyClient.json(second.body()).path("error").asText()).contains("concurrent-requests");

            long rest = lines.lines().filter(line -> !line.isBlank()).count();
            assertThat(rest).isEqualTo(15);
            assertThat(chat(client, secret, TestUpstream.MODEL, false).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aModelOutsideTheKeysListIsRefused() {
        String secret = createKey("--models=llama3*");
        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();

            assertThat(chat(client, secret, TestUpstream.MODEL, false).statusCode()).isEqualTo(200);
            HttpResponse<String> other = chat(client, secret, OTHER_MODEL, false);
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(ProxyClient.json(other.body()).path("error").asText()).contains("may not use model");
            assertThatThrownBy(() -> openAi(client, secret).chat().completions().create(hello(OTHER_MODEL)))
                    .isInstanceOfSatisfying(PermissionDeniedException.class,
                            e -> assertThat(e.code()).contains("model_not_allowed"));
        }
    }

    @Test
    void usageOfStreamedAndWholeAnswersIsCountedExportedAndKeptAcrossARestart() {
        String secret = createKey("--scopes=inference,admin");
        String keyId = keyId(secret);
        JsonNode before;
        long promptTokens = 0;
        long completionTokens = 0;
        try (StandaloneProxy proxy = start()) {
            ProxyClient client = proxy.client();
            JsonNode whole = ProxyClient.json(chat(client, secret, TestUpstream.MODEL, false).body());
            promptTokens += whole.path("prompt_eval_count").asLong();
            completionTokens += whole.path("eval_count").asLong();
            String[] lines = chat(client, secret, TestUpstream.MODEL, true).body().split("\n");
            JsonNode last = ProxyClient.json(lines[lines.length - 1]);
            promptTokens += last.path("prompt_eval_count").asLong();
            completionTokens += last.path("eval_count").asLong();
            ChatCompletion completion = openAi(client, secret).chat().completions().create(hello(TestUpstream.MODEL));
            promptTokens += completion.usage().orElseThrow().promptTokens();
            completionTokens += completion.usage().orElseThrow().completionTokens();

            JsonNode rows = usage(client, secret, "?key=" + keyId);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).path("model").asText()).isEqualTo(TestUpstream.MODEL);
            assertThat(rows.get(0).path("requests").asLong()).isEqualTo(3);
            assertThat(rows.get(0).path("promptTokens").asLong()).isEqualTo(promptTokens).isPositive();
            assertThat(rows.get(0).path("completionTokens").asLong()).isEqualTo(completionTokens).isPositive();
            assertThat(usage(client, secret, "?key=" + keyId + "&model=nothing")).isEmpty();
            assertThat(usage(client, secret, "?key=" + keyId + "&day=" + rows.get(0).path("day").asText())).isEqualTo(rows);

            String metrics = client.send(client.request("/actuator/prometheus").header("X-API-Key", secret).GET().build())
                    .body();
            assertThat(metrics).contains("ollama_proxy_usage_tokens_total{key=\"" + keyId
                    + "\",kind=\"completion\",model=\"" + TestUpstream.MODEL + "\"} " + completionTokens + ".0");
            assertThat(metrics).contains("ollama_proxy_usage_requests_total{key=\"" + keyId + "\",model=\""
                    + TestUpstream.MODEL + "\"} 3.0");
            before = rows;
        }
        try (StandaloneProxy again = start()) {
            assertThat(usage(again.client(), secret, "?key=" + keyId)).isEqualTo(before);
        }
    }

    @Test
    void everyRequestGetsOneAccessLineWithoutPromptOrSecret(CapturedOutput output) {
        String secret = createKey("--owner=logged");
        String keyId = keyId(secret);
        try (StandaloneProxy proxy = StandaloneProxy.start("--ollama-proxy.data.dir=" + folder.resolve("data"),
                "--logging.level." + AccessLogFilter.LOGGER + "=INFO")) {
            ProxyClient client = proxy.client();
            JsonNode answer = ProxyClient.json(chat(client, secret, TestUpstream.MODEL, true).body().lines()
                    .reduce((first, second) -> second).orElseThrow());
            client.get("/api/tags?secret-question=hello");

            String streamed = output.getOut().lines().filter(line -> line.contains("POST /api/chat 200")).findFirst()
                    .orElseThrow();
            assertThat(streamed).contains("key=" + keyId, "model=" + TestUpstream.MODEL, "agents=-",
                    "prompt_tokens=" + answer.path("prompt_eval_count").asLong(),
                    "completion_tokens=" + answer.path("eval_count").asLong()).containsPattern("ttfb_ms=[0-9.]+ ")
                    .containsPattern("duration_ms=[0-9.]+");
            assertThat(output.getOut()).contains("GET /api/tags 401 key=- model=-").doesNotContain("hello there")
                    .doesNotContain(secret).doesNotContain("secret-question");
        }
    }

    private static String keyId(String secret) {
        return TestKeys.id(keysFile, secret);
    }

    private static StandaloneProxy start() {
        return StandaloneProxy.start("--ollama-proxy.data.dir=" + folder.resolve("data"));
    }

    private static JsonNode usage(ProxyClient client, String secret, String query) {
        HttpResponse<String> answer = client.send(client.request("/usage" + query).header("X-API-Key", secret).GET()
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ProxyClient.json(answer.body()).path("usage");
    }

    private static HttpResponse<String> chat(ProxyClient client, String secret, String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
        return client.send(client.request("/api/chat").header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static OpenAIClient openAi(ProxyClient client, String secret) {
        return OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey(secret).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello").build();
    }

    private static String createKey(String... options) {
        return TestKeys.create(keysFile, options);
    }
}
