package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.FakeSearchServer;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /rag} through the HTTP port, with real Ollama and OpenAI clients, over a small knowledge
 * base of its own, the simulator as Ollama and a fake SearxNG as the web.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RagIntegrationTests extends ProxyTestBase {

    private static final String MODEL = "rag-model";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator().install(SimulatedModel.named(MODEL));
    private static final FakeSearchServer SEARCH = new FakeSearchServer();
    private static final Path DOCUMENTS = knowledgeBase();
    private static final Path DATA = tempFolder("rag-data");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("OLLAMA_PROXY_KNOWLEDGE_DIR", DOCUMENTS::toString);
        registry.add("OLLAMA_PROXY_DATA_DIR", DATA::toString);
        registry.add("OLLAMA_PROXY_WEB_SEARCH_URL", SEARCH::searchUrl);
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
        registry.add("ollama-proxy.rag.web-search.fetch-hosts", () -> "127.0.0.1");
        registry.add("ollama-proxy.rag.web-search.breaker.failures", () -> "100");
    }

    @BeforeEach
    void synchronised() {
        KnowledgeStatusProbe.lastSync(client);
        SEARCH.behave(FakeSearchServer.Behaviour.ANSWER);
        SEARCH.clear();
    }

    @Test
    void anAnswerableQuestionReachesTheModelWithCitedSourcesAndWithoutTheCommand() throws Exception {
        OllamaAPI ollama = new OllamaAPI(client.baseUrl());
        ollama.setRequestTimeoutSeconds(30);

        OllamaChatResult answer = ollama.chat(OllamaChatRequestBuilder.getInstance(MODEL)
                .withMessage(OllamaChatMessageRole.SYSTEM, "You are a helpful assistant.")
                .withMessage(OllamaChatMessageRole.USER, "/rag Which port does the zebra gateway listen on?").build());

        assertThat(answer.getResponseModel().getMessage().getContent())
                .isEqualTo("You said: Which port does the zebra gateway listen on?");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are a helpful assistant.");
        String sources = messages.get(1).path("content").asText();
        assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
        assertThat(sources).startsWith(RagProperties.DEFAULT_INSTRUCTIONS)
                .contains("[1] Zebra gateway (zebra.md › Zebra gateway › Network)\n"
                        + "The zebra gateway listens on port 4242 for striped requests.")
                .doesNotContain("lighthouse");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Which port does the zebra gateway listen on?");
        assertThat(SEARCH.searches()).isEmpty();
    }

    @Test
    void theResponseHeaderReportsActionConfidenceAndSources() {
        HttpResponse<String> response = client.postJson("/api/chat", chat("/rag Which port does the zebra gateway "
                + "listen on?", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag")).hasValueSatisfying(value ->
                assertThat(value).matches("action=correct; confidence=(0\\.[6-9]\\d|1\\.00); sources=1"));
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("rag");
    }

    @Test
    void generateGetsTheSourcesInItsSystemField() {
        HttpResponse<String> response = client.postJson("/api/generate", """
                {"model":"%s","stream":false,"system":"Be brief.",
                 "prompt":"/rag When is the zebra vault compacted?"}""".formatted(MODEL));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = SIMULATOR.lastRequest("/api/generate", MODEL).json();
        assertThat(sent.path("prompt").asText()).isEqualTo("When is the zebra vault compacted?");
        assertThat(sent.path("system").asText()).startsWith("Be brief.\n\n" + RagProperties.DEFAULT_INSTRUCTIONS)
                .contains("(zebra.md › Zebra gateway › Storage)", "compacted every night at two o'clock");
    }

    @Test
    void aStreamedAnswerStillStreams() {
        HttpResponse<String> response = client.postJson("/api/chat",
                chat("/rag Which port does the zebra gateway listen on?", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag")).isPresent();
        assertThat(response.body().lines().count()).isGreaterThan(3);
        assertThat(response.body().lines().reduce((first, last) -> last).orElseThrow()).contains("\"done\":true");
    }

    @Test
    void anUnanswerableQuestionBringsWebResults() throws Exception {
        HttpResponse<String> response = client.postJson("/api/chat",
                chat("/rag What is the capital of France?", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag").orElseThrow())
                .startsWith("action=incorrect;").endsWith("; sources=3; web=ok");
        assertThat(SEARCH.searches()).singleElement().satisfies(query ->
                assertThat(query).containsEntry("q", "capital France").containsEntry("format", "json"));
        String sources = systemMessage();
        assertThat(sources)
                .contains("[2] Second result (https://example.org/second)\nSnippet two about capital France.")
                .doesNotContain("zebra.md");
        assertThat(lastUserMessage()).isEqualTo("What is the capital of France?");
    }

    @Test
    void pagesOfConfiguredHostsAreFetchedAndRefined() throws Exception {
        client.postJson("/api/chat", chat("/rag How does the zebra migration across the savanna work?", false));

        assertThat(SEARCH.pageFetches()).containsExactly("/page/first");
        assertThat(systemMessage()).contains("The fetched page explains the zebra migration in detail.")
                .doesNotContain("cooking");
    }

    @Test
    void whenTheSearchIsDownTheQuestionIsStillAnswered() throws Exception {
        SEARCH.behave(FakeSearchServer.Behaviour.FAIL);

        HttpResponse<String> response = client.postJson("/api/chat", chat("/rag Who painted the Mona Lisa?", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("message").path("content").asText())
                .isEqualTo("You said: Who painted the Mona Lisa?");
        assertThat(SEARCH.searches()).hasSize(1);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Rag").orElseThrow())
                .startsWith("action=incorrect;").endsWith("; sources=0; web=failed");
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(messages).hasSize(1);
    }

    @Test
    void aFileAddedWhileRunningBecomesFindable() throws Exception {
        Files.writeString(DOCUMENTS.resolve("lighthouse-2.md"),
                "# Quasar beacon\n\nThe quasar beacon pulses every seven seconds above the harbour.\n");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(search("How often does the quasar beacon pulse?").path("sources").path(0)
                        .path("location").asText()).isEqualTo("lighthouse-2.md › Quasar beacon"));

        Files.delete(DOCUMENTS.resolve("lighthouse-2.md"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(search("How often does the quasar beacon pulse?").path("hits")).isEmpty());
    }

    @Test
    void searchShowsHitsScoresActionStripsAndSources() throws Exception {
        JsonNode answer = search("Which port does the zebra gateway listen on?");

        assertThat(answer.path("action").asText()).isEqualTo("correct");
        assertThat(answer.path("terms")).extracting(JsonNode::asText).containsExactly("port", "zebra", "gatewai",
                "listen");
        JsonNode first = answer.path("hits").path(0);
        assertThat(first.path("path").asText()).isEqualTo("zebra.md");
        assertThat(first.path("headings")).extracting(JsonNode::asText).containsExactly("Zebra gateway", "Network");
        assertThat(first.path("coverage").asDouble()).isEqualTo(1.0);
        assertThat(answer.path("strips").path(0).path("text").asText())
                .startsWith("The zebra gateway listens on port 4242");
        assertThat(answer.path("web").path("status").asText()).isEqualTo("not_needed");
        assertThat(answer.path("sources").path(0).path("origin").asText()).isEqualTo("local");
    }

    @Test
    void searchWithoutAQuestionIsABadRequest() throws Exception {
        HttpResponse<String> response = client.get("/rag/search?q=%20");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("q parameter");
    }

    @Test
    void statusAndReindexReportTheKnowledgeBase() throws Exception {
        JsonNode status = KnowledgeStatusProbe.status(client);
        assertThat(status.path("documents").asInt()).isEqualTo(2);
        assertThat(status.path("chunks").asInt()).isEqualTo(3);
        assertThat(status.path("web_search").path("enabled").asBoolean()).isTrue();
        assertThat(status.path("last_change").asText()).isNotEmpty();

        HttpResponse<String> reindex = client.send(client.request("/rag/reindex")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reindex.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(reindex.body());
        assertThat(report.path("indexed").asInt()).isEqualTo(2);
        assertThat(report.path("chunks").asInt()).isEqualTo(3);
        assertThat(client.get("/rag/reindex").statusCode()).isEqualTo(405);
    }

    @Test
    void openAiClientsGetTheSameCorrectiveRag() {
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("unused")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();

        ChatCompletion completion = openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(MODEL).addUserMessage("/rag When is the zebra vault compacted?").build());

        assertThat(completion.choices().get(0).message().content())
                .hasValue("You said: When is the zebra vault compacted?");
        assertThat(systemMessage()).contains("compacted every night at two o'clock");
    }

    @Test
    void metricsCountActionsAndWebSearchesAndShowTheCircuitAndTheIndex() throws Exception {
        double before = metric("ollama.proxy.rag.actions?tag=action:correct");

        client.postJson("/api/chat", chat("/rag Which port does the zebra gateway listen on?", false));

        assertThat(metric("ollama.proxy.rag.actions?tag=action:correct")).isEqualTo(before + 1);
        assertThat(metric("ollama.proxy.rag.retrieval")).isPositive();
        assertThat(metric("ollama.proxy.rag.web.circuit")).isZero();
        assertThat(metric("ollama.proxy.rag.index.chunks")).isEqualTo(3);
        assertThat(metric("ollama.proxy.rag.index.documents")).isEqualTo(2);
        client.postJson("/api/chat", chat("/rag What is the plot of Hamlet?", false));
        assertThat(metric("ollama.proxy.rag.web.searches?tag=outcome:ok")).isPositive();
    }

    private double metric(String nameAndTags) throws IOException {
        HttpResponse<String> response = client.get("/actuator/metrics/" + nameAndTags);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble();
    }

    private JsonNode search(String question) throws IOException {
        HttpResponse<String> response = client.get("/rag/search?q="
                + URLEncoder.encode(question, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String systemMessage() {
        for (JsonNode message : SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages")) {
            if (message.path("role").asText().equals("system")) {
                return message.path("content").asText();
            }
        }
        return "";
    }

    private static String lastUserMessage() {
        JsonNode messages = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    private static String chat(String text, boolean stream) {
        try {
            return JSON.writeValueAsString(JSON.createObjectNode().put("model", MODEL).put("stream", stream)
                    .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                            .put("content", text))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path knowledgeBase() {
        Path folder = tempFolder("rag-documents");
        try {
            Files.writeString(folder.resolve("zebra.md"), """
                    # Zebra gateway

                    ## Network

                    The zebra gateway listens on port 4242 for striped requests. It answers striped requests
                    before plain ones.

                    ## Storage

                    Zebra keeps its stripes in the vault folder, compacted every night at two o'clock.
                    """);
            Files.writeString(folder.resolve("lighthouse.txt"),
                    "The lighthouse keeper rotates the lamp every ninety seconds.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static Path tempFolder(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
