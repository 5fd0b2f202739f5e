package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /opt} through the HTTP port: it learns from answers and applies what it learned. */
class OptimizerTests extends ProxyIntegrationTest {

    private static final String TEMPLATE = "You are a meticulous reviewer of pull requests for a large Java "
            + "service. Read the change below and report every problem you find: correctness first, then "
            + "security, then performance, then readability. For each problem give the file and line, explain "
            + "in one or two sentences why it matters, and propose a concrete fix. Do not invent problems, do "
            + "not repeat yourself, and finish with a one-line verdict: approve, approve with comments, or "
            + "request changes. The change follows. ";

    @Autowired
    private PromptOptimizer optimizer;

    @BeforeEach
    void forgetTemplates() {
        assertThat(client.send(client.request("/optimizer/templates").DELETE().build()).statusCode()).isEqualTo(200);
        SIMULATOR.install(SimulatedModel.named("opt-model"));
    }

    @Test
    void firstRequestLearnsAndASimilarOneGetsTheLearnedWindow() {
        HttpResponse<String> first = chat("opt-model", "/opt " + TEMPLATE + "diff: rename field count to total", false);
        assertThat(first.headers().firstValue(PromptOptimizer.HEADER)).hasValue("template=none; learning");
        assertThat(upstreamOptions("opt-model").has("num_ctx")).isFalse();
        JsonNode learned = awaitTemplate("opt-model", 1);
        int window = learned.path("window").asInt();
        assertThat(window).isEqualTo(2048);

        HttpResponse<String> second = chat("opt-model", "/opt " + TEMPLATE + "diff: add a null check in parse()", false);

        assertThat(upstreamOptions("opt-model").path("num_ctx").asInt()).isEqualTo(window);
        assertThat(second.headers().firstValue(PromptOptimizer.HEADER).orElseThrow())
                .matches("template=" + learned.path("id").asLong() + "; shared=\\d+; varied=\\d+; num_ctx=" + window);
        awaitTemplate("opt-model", 2);
    }

    @Test
    void learnsFromStreamedAnswers() {
        SIMULATOR.install(SimulatedModel.named("opt-stream-model"));
        int estimate = PromptOptimizer.estimateTokens("user: " + TEMPLATE + "diff: stream me\n");
        ProxyClient.TimedLines streamed = client.streamLines("/api/chat", body("opt-stream-model",
                "/opt " + TEMPLATE + "diff: stream me", true));
        assertThat(streamed.last().path("done").asBoolean()).isTrue();

        JsonNode template = awaitTemplate("opt-stream-model", 1);
        int need = streamed.last().path("prompt_eval_count").asInt() + streamed.last().path("eval_count").asInt();
        assertThat(template.path("recent_extra_tokens").get(0).asInt()).isEqualTo(need - estimate);
    }

    @Test
    void autoModeNeedsNoCommand() {
        SIMULATOR.install(SimulatedModel.named("auto-opt-model"));

        HttpResponse<String> first = chat("auto-opt-model", TEMPLATE + "diff: one", false);
        assertThat(first.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("opt");
        awaitTemplate("auto-opt-model", 1);
        chat("auto-opt-model", TEMPLATE + "diff: two", false);

        assertThat(upstreamOptions("auto-opt-model").path("num_ctx").asInt()).isEqualTo(2048);
    }

    @Test
    void clientsOwnNumCtxIsKept() {
        chat("opt-model", "/opt " + TEMPLATE + "diff: first", false);
        awaitTemplate("opt-model", 1);

        HttpResponse<String> response = client.postJson("/api/chat", "{\"model\":\"opt-model\",\"stream\":false,"
                + "\"options\":{\"num_ctx\":16384},\"messages\":[{\"role\":\"user\",\"content\":\"/opt "
                + TEMPLATE + "diff: second\"}]}");

        assertThat(upstreamOptions("opt-model").path("num_ctx").asInt()).isEqualTo(16384);
        assertThat(response.headers().firstValue(PromptOptimizer.HEADER).orElseThrow())
                .endsWith("num_ctx=16384 (set by the client)");
    }

    @Test
    void windowGrowsWhenAnAnswerFilledIt() {
        SIMULATOR.install(SimulatedModel.named("opt-small").withContextLength(65_536).withTokenDelay(Duration.ZERO));
        chat("opt-small", "/opt " + TEMPLATE + "diff: a", false);
        awaitTemplate("opt-small", 1);

        client.postJson("/api/chat", "{\"model\":\"opt-small\",\"stream\":false,\"options\":{\"num_predict\":4000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"/opt " + TEMPLATE + "diff: b\"}]}");

        JsonNode template = awaitTemplate("opt-small", 2);
        assertThat(template.path("truncations").asInt()).isEqualTo(1);
        assertThat(template.path("window").asInt()).isEqualTo(5120);
    }

    @Test
    void shortPromptsAreNeitherMatchedNorLearned() {
        HttpResponse<String> response = chat("opt-model", "/opt hi there", false);

        assertThat(response.headers().firstValue(PromptOptimizer.HEADER).orElseThrow()).startsWith("skipped");
        assertThat(ProxyClient.json(client.get("/optimizer/templates").body())).isEmpty();
    }

    @Test
    void templatesCanBeListedAndForgotten() {
        chat("opt-model", "/opt " + TEMPLATE + "diff: list me", false);
        long id = awaitTemplate("opt-model", 1).path("id").asLong();

        assertThat(client.send(client.request("/optimizer/templates/" + id).DELETE().build()).statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(client.get("/optimizer/templates").body())).isEmpty();
        HttpResponse<String> missing = client.send(client.request("/optimizer/templates/" + id).DELETE().build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(client.send(client.request("/optimizer/templates/x").DELETE().build()).statusCode()).isEqualTo(400);
    }

    @Test
    void worksThroughTheOpenAiApiToo() {
        client.postJson("/v1/chat/completions", "{\"model\":\"opt-model\",\"messages\":[{\"role\":\"user\",\"content\":\"/opt "
                + TEMPLATE + "diff: via openai\"}]}");
        awaitTemplate("opt-model", 1);

        HttpResponse<String> second = client.postJson("/v1/chat/completions", "{\"model\":\"opt-model\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"/opt " + TEMPLATE + "diff: again\"}]}");

        assertThat(second.headers().firstValue(PromptOptimizer.HEADER).orElseThrow()).contains("num_ctx=2048");
        assertThat(upstreamOptions("opt-model").path("num_ctx").asInt()).isEqualTo(2048);
    }

    @Test
    void aModelWithDenserTokensGetsWindowsItsLongerPromptsFit() {
        SIMULATOR.install(SimulatedModel.named("dense-opt").withCharsPerToken(2));
        chat("dense-opt", "/opt " + TEMPLATE + "diff: rename a field", false);
        awaitTemplate("dense-opt", 1);
        StringBuilder longDiff = new StringBuilder("diff:");
        for (int line = 1; longDiff.length() < 4000; line++) {
            longDiff.append(" line ").append(line).append(" changes limit ").append(line * 7).append(" to ").append(line * 11);
        }

        HttpResponse<String> second = chat("dense-opt", "/opt " + TEMPLATE + longDiff, false);

        int window = upstreamOptions("dense-opt").path("num_ctx").asInt();
        int promptTokens = ProxyClient.json(second.body()).path("prompt_eval_count").asInt();
        assertThat(promptTokens).isGreaterThan(2048);
        assertThat(window).as("num_ctx for a prompt of %d tokens", promptTokens).isGreaterThanOrEqualTo(promptTokens);
        assertThat(optimizer.charsPerToken("dense-opt")).isLessThan(2.2);
        assertThat(optimizer.charsPerToken("opt-model")).isGreaterThan(3.5);
    }

    @Test
    void aShortRequestWhoseTitleChangesIsOneTemplate() {
        String request = "/opt Write a short, friendly review of the film %s for our weekly newsletter. Mention the "
                + "director, the lead actors and one memorable scene, avoid spoilers, keep it under two hundred words "
                + "and end with a rating out of five stars.";
        chat("opt-model", request.formatted("Casablanca"), false);
        long id = awaitTemplate("opt-model", 1).path("id").asLong();

        for (String title : new String[] {"The Grand Budapest Hotel", "Heat", "Spirited Away"}) {
            assertThat(chat("opt-model", request.formatted(title), false).headers()
                    .firstValue(PromptOptimizer.HEADER).orElseThrow()).startsWith("template=" + id + ";");
        }
        awaitTemplate("opt-model", 4);
        assertThat(ProxyClient.json(client.get("/optimizer/templates").body())).hasSize(1);
    }

    @Test
    void tasksAppendedToOneLongSystemPromptKeepTheirOwnTemplates() {
        String shared = TEMPLATE.repeat(3);
        String summarise = "Summarise the change in three sentences for the release notes, naming the modules "
                + "it touches and any configuration it adds.";
        String review = "List the tests this change needs, one per line, each with the behaviour it proves "
                + "and the class it belongs in.";
        String[] headers = new String[4];
        int i = 0;
        for (String task : new String[] {summarise, review, summarise, review}) {
            headers[i] = client.send(client.request("/api/chat").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"opt-model\",\"stream\":false,"
                            + "\"messages\":[{\"role\":\"system\",\"content\":" + ProxyClient.quote(shared + task)
                            + "},{\"role\":\"user\",\"content\":" + ProxyClient.quote("/opt diff: change " + i)
                            + "}]}")).build()).headers().firstValue(PromptOptimizer.HEADER).orElseThrow();
            awaitTemplate("opt-model", 1);
            i++;
        }

        assertThat(headers[0]).isEqualTo("template=none; learning");
        assertThat(headers[1]).isEqualTo("template=none; learning");
        assertThat(ProxyClient.json(client.get("/optimizer/templates").body())).hasSize(2);
        assertThat(headers[2]).isNotEqualTo(headers[3]).startsWith("template=");
        assertThat(headers[3]).startsWith("template=");
    }

    private JsonNode awaitTemplate(String model, int observations) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode template : ProxyClient.json(client.get("/optimizer/templates").body())) {
                if (template.path("model").asText().equals(model + ":latest")
                        && template.path("observations").asInt() >= observations) {
                    found[0] = template;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private JsonNode upstreamOptions(String model) {
        return SIMULATOR.lastRequest("/api/chat", model).json().path("options");
    }

    private HttpResponse<String> chat(String model, String content, boolean stream) {
        return client.send(client.request("/api/chat").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(model, content, stream))).build());
    }

    private static String body(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + ProxyClient.quote(content) + "}]}";
    }
}
