package io.github.ollamaproxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.github.ollamaproxy.simulator.Fault;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/chat/completions} with the official OpenAI Java SDK. */
class OpenAiChatTests extends ProxyIntegrationTest {

    private static final String IMAGE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private OpenAIClient openAi;

    @BeforeEach
    void sdk() {
        openAi = OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("any-key")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void chatCompletionHasOpenAisShape() {
        ChatCompletion completion = openAi.chat().completions().create(params(MODEL).addUserMessage("hello there").build());

        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.systemFingerprint()).hasValue("fp_ollama");
        assertThat(completion.created()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue("You said: hello there");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = completion.usage().orElseThrow();
        JsonNode upstream = SIMULATOR.lastRequest("/api/chat", MODEL).json();
        assertThat(upstream.path("stream").asBoolean(true)).isFalse();
        assertThat(usage.completionTokens()).isEqualTo(4);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void streamIsTranslatedChunkByChunkAsItArrives() {
        SIMULATOR.install(SimulatedModel.named("openai-slow").withTokenDelay(Duration.ofMillis(100)));
        List<Long> arrivals = new ArrayList<>();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        long start = System.nanoTime();

        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions()
                .createStreaming(params("openai-slow").addUserMessage("count").maxCompletionTokens(10).build())) {
            stream.stream().forEach(chunk -> {
                arrivals.add((System.nanoTime() - start) / 1_000_000);
                chunks.add(chunk);
            });
        }

        List<ChatCompletionChunk> content = chunks.stream()
                .filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta().content().filter(t -> !t.isEmpty()).isPresent())
                .toList();
        assertThat(content).hasSize(10);
        long firstContent = arrivals.get(chunks.indexOf(content.get(0)));
        long lastContent = arrivals.get(chunks.indexOf(content.get(9)));
        System.out.printf("/v1 stream of 10 tokens 100 ms apart: first content chunk %d ms, last %d ms%n",
                firstContent, lastContent);
        assertThat(lastContent - firstContent).isGreaterThanOrEqualTo(800);
        assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
        assertThat(chunks.subList(1, chunks.size())).allMatch(c -> c.choices().get(0).delta().role().isEmpty());
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(chunks.get(0).id());
        assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
                .hasValue(ChatCompletionChunk.Choice.FinishReason.LENGTH);
    }

    @Test
    void includeUsageAddsAUsageChunkAndTheAccumulatorCompletes() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(params(MODEL)
                .addUserMessage("usage please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
            });
        }

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(chunk -> chunk.usage().isEmpty());
        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(whole.choices().get(0).message().content()).hasValue("You said: usage please");
        assertThat(whole.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void tokenLimitEndsWithFinishReasonLength() {
        ChatCompletion completion = openAi.chat().completions().create(params(MODEL)
                .addUserMessage("a long answer please").maxCompletionTokens(3).build());

        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.choices().get(0).message().content()).hasValue("You said: a");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void everyMappedParameterReachesOllama() {
        SIMULATOR.install(SimulatedModel.thinking("openai-thinker"));

        openAi.chat().completions().create(params("openai-thinker")
                .addDeveloperMessage("be terse")
                .addUserMessage("map me")
                .maxTokens(5).maxCompletionTokens(7)
                .temperature(0.3).topP(0.9).seed(42)
                .stop(ChatCompletionCreateParams.Stop.ofStrings(List.of("x", "y")))
                .frequencyPenalty(0.5).presencePenalty(0.25)
                .reasoningEffort(ReasoningEffort.MINIMAL)
                .logprobs(true).topLogprobs(2)
                .putAdditionalBodyProperty("options", JsonValue.from(Map.of("num_ctx", 4096, "top_k", 20)))
                .putAdditionalBodyProperty("keep_alive", JsonValue.from("10m"))
                .build());

        JsonNode upstream = SIMULATOR.lastRequest("/api/chat", "openai-thinker").json();
        JsonNode options = upstream.path("options");
        assertThat(options.path("num_predict").asInt()).isEqualTo(7);
        assertThat(options.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(options.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(options.path("seed").asInt()).isEqualTo(42);
        assertThat(options.path("stop").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(options.path("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(options.path("presence_penalty").asDouble()).isEqualTo(0.25);
        assertThat(options.path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(options.path("top_k").asInt()).isEqualTo(20);
        assertThat(upstream.path("keep_alive").asText()).isEqualTo("10m");
        assertThat(upstream.path("think").asText()).isEqualTo("low");
        assertThat(upstream.path("logprobs").asBoolean()).isTrue();
        assertThat(upstream.path("top_logprobs").asInt()).isEqualTo(2);
        assertThat(upstream.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(upstream.path("messages").get(0).path("content").asText()).isEqualTo("be terse");
    }

    @Test
    void openAiDefaultsApplyWhenSamplingIsNotSet() {
        openAi.chat().completions().create(params(MODEL).addUserMessage("defaults").maxTokens(2).build());

        JsonNode options = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("options");
        assertThat(options.path("num_predict").asInt()).isEqualTo(2);
        assertThat(options.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(options.path("top_p").asDouble()).isEqualTo(1.0);
        assertThat(options.has("seed")).isFalse();
    }

    @Test
    void reasoningAndLogprobsComeBack() {
        SIMULATOR.install(SimulatedModel.thinking("openai-reasoner"));

        ChatCompletion completion = openAi.chat().completions().create(params("openai-reasoner")
                .addUserMessage("why").reasoningEffort(ReasoningEffort.HIGH).logprobs(true).topLogprobs(2).build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message()._additionalProperties().get("reasoning").asString()).hasValue("Thinking about: why");
        assertThat(choice.logprobs().orElseThrow().content().orElseThrow()).hasSize(3);
        assertThat(choice.logprobs().orElseThrow().content().orElseThrow().get(0).topLogprobs()).hasSize(2);
    }

    @Test
    void jsonModeAndJsonSchema() {
        ChatCompletion jsonMode = openAi.chat().completions().create(params(MODEL).addUserMessage("as json")
                .responseFormat(ResponseFormatJsonObject.builder().build()).build());
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).json().path("format").asText()).isEqualTo("json");
        assertThat(ProxyClient.json(jsonMode.choices().get(0).message().content().orElseThrow()).path("reply").asText())
                .isEqualTo("You said: as json");

        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("city", Map.of("type", "string"), "temperature", Map.of("type", "number")),
                "required", List.of("city", "temperature"));
        ChatCompletion structured = openAi.chat().completions().create(params(MODEL).addUserMessage("weather")
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("weather").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAllAdditionalProperties(toJsonValues(schema)).build())
                        .strict(true).build()).build())
                .build());
        JsonNode format = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("format");
        assertThat(format.path("type").asText()).isEqualTo("object");
        assertThat(format.path("properties").has("temperature")).isTrue();
        JsonNode document = ProxyClient.json(structured.choices().get(0).message().content().orElseThrow());
        assertThat(document.path("city").isTextual()).isTrue();
        assertThat(document.path("temperature").isNumber()).isTrue();
    }

    @Test
    void toolsAreCalledAndToolResultsGoBack() {
        ChatCompletion call = openAi.chat().completions().create(params(MODEL)
                .addUserMessage("What is the weather in Tokyo?").addFunctionTool(weatherTool()).build());

        ChatCompletion.Choice choice = call.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall toolCall = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(toolCall.id()).startsWith("call_");
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(ProxyClient.json(toolCall.function().arguments()).path("city").asText()).isEqualTo("Tokyo");
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).json().path("tools").get(0).path("function")
                .path("name").asText()).isEqualTo("get_weather");

        ChatCompletion answer = openAi.chat().completions().create(params(MODEL)
                .addUserMessage("What is the weather in Tokyo?")
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .toolCalls(List.of(ChatCompletionMessageToolCall.ofFunction(toolCall))).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id()).content("11C").build())
                .addFunctionTool(weatherTool())
                .build());

        assertThat(answer.choices().get(0).message().content()).hasValue("The tool said: 11C");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").path("city").asText())
                .isEqualTo("Tokyo");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo(toolCall.id());
        assertThat(messages.get(2).path("tool_name").asText()).isEqualTo("get_weather");
    }

    @Test
    void toolCallsAreStreamedWithIndexAndId() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(params(MODEL)
                .addUserMessage("weather in Paris").addFunctionTool(weatherTool()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
            });
        }

        ChatCompletionChunk.Choice.Delta.ToolCall delta = chunks.stream()
                .flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().toolCalls().stream().flatMap(List::stream))
                .findFirst().orElseThrow();
        assertThat(delta.index()).isZero();
        assertThat(delta.id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        assertThat(delta.function().orElseThrow().name()).hasValue("get_weather");
        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(whole.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(whole.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function().arguments())
                .isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void imagePartsBecomeImages() {
        openAi.chat().completions().create(params(MODEL).addUserMessageOfArrayOfContentParts(List.of(
                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64," + IMAGE)
                                .build()).build())))
                .build());

        JsonNode message = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages").get(0);
        assertThat(message.path("content").asText()).isEqualTo("What is this?");
        assertThat(message.path("images").get(0).asText()).isEqualTo(IMAGE);
    }

    @Test
    void slashCommandsRunAgentsThroughTheOpenAiApi() {
        ChatCompletion completion = openAi.chat().completions().create(params(MODEL)
                .addUserMessage("/example /concise hello agents").build());

        assertThat(completion.choices().get(0).message().content())
                .hasValue("You said: [Example Agent] hello agents [processed by example agent]");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("Answer in three sentences at most.");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("[Example Agent] hello agents");
    }

    @Test
    void unknownModelRaisesTheSdksNotFoundError() {
        assertThatThrownBy(() -> openAi.chat().completions().create(params("no-such-model").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("model 'no-such-model' not found");
    }

    @Test
    void clientDisconnectAbortsTheUpstreamRequest() throws Exception {
        SIMULATOR.install(SimulatedModel.named("openai-abandoned").withTokenDelay(Duration.ofMillis(100)));

        var response = client.open(client.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"openai-abandoned\",\"stream\":true,"
                        + "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}"))
                .build());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).startsWith("data: {");
            assertThat(reader.readLine()).isEmpty();
            assertThat(reader.readLine()).startsWith("data: {");
        }

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> SIMULATOR.earlyCloses().stream()
                .anyMatch(close -> close.model().equals("openai-abandoned") && close.linesSent() < 50));
    }

    @Test
    void brokenUpstreamStreamIsRaisedBySdk() {
        SIMULATOR.install(SimulatedModel.named("openai-breaks").withFault(Fault.errorLineAfter(2)));

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions()
                    .createStreaming(params("openai-breaks").addUserMessage("one two three four").build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOf(OpenAIException.class).hasMessageContaining("simulated failure after 2 tokens");
    }

    private static ChatCompletionCreateParams.Builder params(String model) {
        return ChatCompletionCreateParams.builder().model(model);
    }

    private static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name("get_weather").description("Current weather in a city")
                .parameters(FunctionParameters.builder().putAllAdditionalProperties(toJsonValues(Map.of(
                        "type", "object",
                        "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city")))).build())
                .build();
    }

    private static Map<String, JsonValue> toJsonValues(Map<String, Object> map) {
        Map<String, JsonValue> values = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> values.put(key, JsonValue.from(value)));
        return values;
    }
}
