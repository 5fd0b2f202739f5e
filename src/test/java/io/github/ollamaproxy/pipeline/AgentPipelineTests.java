package io.github.ollamaproxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.simulator.RecordedRequest;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import io.github.ollamaproxy.support.TestAgents.RecordingAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The agent pipeline through the HTTP port: choosing agents, their steps, failures, answers. */
class AgentPipelineTests extends ProxyIntegrationTest {

    @Autowired
    RecordingAgent recording;

    @BeforeEach
    void reset() {
        recording.clear();
        SIMULATOR.install(SimulatedModel.named("configured-model"));
    }

    @Test
    void exampleAgentChangesTheRequestThatReachesOllamaAndTheAnswer() {
        HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "user", "/example Why is the sky blue?", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("example");
        assertThat(lastUserContent(MODEL)).isEqualTo("[Example Agent] Why is the sky blue?");
        assertThat(ProxyClient.json(response.body()).path("message").path("content").asText())
                .isEqualTo("You said: [Example Agent] Why is the sky blue? [processed by example agent]");
    }

    @Test
    void streamedAnswerIsNotChangedByResponseSteps() {
        ProxyClient.TimedLines lines = client.streamLines("/api/chat", chat(MODEL, "user", "/example hi", true));

        StringBuilder text = new StringBuilder();
        lines.lines().forEach(line -> text.append(ProxyClient.json(line).path("message").path("content").asText()));
        assertThat(text).hasToString("You said: [Example Agent] hi");
        assertThat(lines.last().path("done").asBoolean()).isTrue();
    }

    @Test
    void commandsAreStrippedBeforeAnyAgentRuns() {
        client.postJson("/api/chat", chat(MODEL, "user", "/recording /example  keep   this ", false));

        assertThat(recording.seenUserTexts).containsExactly("keep   this ");
        assertThat(lastUserContent(MODEL)).isEqualTo("[Example Agent] keep   this ");
    }

    @Test
    void onlyTheLastMessageCountsAndOnlyWhenItIsFromTheUser() {
        String body = """
                {"model":"%s","stream":false,"messages":[
                  {"role":"user","content":"/example first"},
                  {"role":"assistant","content":"/example not a command here"}]}""".formatted(MODEL);
        HttpResponse<String> response = client.postJson("/api/chat", body);

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).isEmpty();
        JsonNode forwarded = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(forwarded.get(0).path("content").asText()).isEqualTo("/example first");
        assertThat(forwarded.get(1).path("content").asText()).isEqualTo("/example not a command here");
    }

    @Test
    void pathsAndUnknownCommandsReachTheModelUntouched() {
        client.postJson("/api/chat", chat(MODEL, "user", "/usr/bin/env is a path", false));
        assertThat(lastUserContent(MODEL)).isEqualTo("/usr/bin/env is a path");

        client.postJson("/api/chat", chat(MODEL, "user", "/nosuchagent hello", false));
        assertThat(lastUserContent(MODEL)).isEqualTo("/nosuchagent hello");
    }

    @Test
    void generatePromptCarriesCommandsToo() {
        HttpResponse<String> response = client.postJson("/api/generate",
                "{\"model\":\"%s\",\"prompt\":\"/RECORDING  tell me\",\"stream\":false}".formatted(MODEL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(recording.seenUserTexts).containsExactly("tell me");
        assertThat(SIMULATOR.lastRequest("/api/generate", MODEL).json().path("prompt").asText()).isEqualTo("tell me");
    }

    @Test
    void agentsRunByOrderThenByRequestOrder() {
        client.postJson("/api/chat", chat(MODEL, "user", "/late /recording /early go", false));

        assertThat(lastUserContent(MODEL)).isEqualTo("go <early> <late>");
        assertThat(recording.seenUserTexts).containsExactly("go <early>");
    }

    @Test
    void headerChoosesAgentsAndUnknownNamesAreRejected() {
        HttpResponse<String> ok = client.send(client.request("/api/chat")
                .header("X-Ollama-Proxy-Agents", "example, recording")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat(MODEL, "user", "hello", false)))
                .build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(recording.seenUserTexts).containsExactly("[Example Agent] hello");
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).header("X-Ollama-Proxy-Agents")).isNull();

        HttpResponse<String> unknown = client.send(client.request("/api/chat")
                .header("X-Ollama-Proxy-Agents", "nosuch")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat(MODEL, "user", "hello", false)))
                .build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ProxyClient.json(unknown.body()).path("error").asText()).contains("unknown agent 'nosuch'");
    }

    @Test
    void configurationChoosesAgentsPerModel() {
        HttpResponse<String> response = client.postJson("/api/chat", chat("configured-model", "user", "hi", false));

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("example");
        assertThat(lastUserContent("configured-model")).isEqualTo("[Example Agent] hi");
    }

    @Test
    void failingAgentIsSkippedRolledBackAndReported() {
        HttpResponse<String> response = client.postJson("/api/chat", chat(MODEL, "user", "/failing /example still works", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agent-Failures").orElseThrow())
                .startsWith("failing (java.lang.IllegalStateException: boom)");
        JsonNode forwarded = SIMULATOR.lastRequest("/api/chat", MODEL).json();
        assertThat(forwarded.has("changed_by_failing_agent")).isFalse();
        assertThat(forwarded.path("messages").get(0).path("content").asText()).isEqualTo("[Example Agent] still works");
    }

    @Test
    void agentCanAnswerWithoutCallingOllama() {
        int before = SIMULATOR.requests("/api/chat").size();

        HttpResponse<String> whole = client.postJson("/api/chat", chat(MODEL, "user", "/answering question", false));
        assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(ProxyClient.json(whole.body()).path("message").path("content").asText())
                .isEqualTo("Answered by the test agent: question");

        ProxyClient.TimedLines streamed = client.streamLines("/api/chat", chat(MODEL, "user", "/answering q", true));
        assertThat(streamed.response().headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(streamed.lines()).hasSize(1);
        assertThat(streamed.last().path("done").asBoolean()).isTrue();

        assertThat(SIMULATOR.requests("/api/chat")).hasSize(before);
    }

    @Test
    void completionStepSeesTheWholeStreamedTextAndTheMetrics() throws InterruptedException {
        ProxyClient.TimedLines lines = client.streamLines("/api/chat", chat(MODEL, "user", "/recording one two three", true));

        Completion completion = recording.completions.poll(5, TimeUnit.SECONDS);
        assertThat(completion).isNotNull();
        assertThat(completion.streamed()).isTrue();
        assertThat(completion.text()).isEqualTo("You said: one two three");
        assertThat(completion.evalCount()).hasValue(lines.last().path("eval_count").asLong());
        assertThat(completion.promptEvalCount()).hasValue(lines.last().path("prompt_eval_count").asLong());
        assertThat(lines.response().headers().firstValue("X-Ollama-Proxy-Recorded")).hasValue("yes");
    }

    @Test
    void completionStepRunsForWholeAnswersToo() throws InterruptedException {
        client.postJson("/api/generate", "{\"model\":\"%s\",\"prompt\":\"/recording abc\",\"stream\":false}".formatted(MODEL));

        Completion completion = recording.completions.poll(5, TimeUnit.SECONDS);
        assertThat(completion).isNotNull();
        assertThat(completion.streamed()).isFalse();
        assertThat(completion.text()).isEqualTo("You said: abc");
        assertThat(recording.seenResponses).containsExactly("You said: abc");
    }

    @Test
    void yamlAgentsWorkLikeJavaAgents() {
        HttpResponse<String> pong = client.postJson("/api/chat", chat(MODEL, "user", "/pong", false));
        assertThat(ProxyClient.json(pong.body()).path("message").path("content").asText()).isEqualTo("pong from " + MODEL);

        HttpResponse<String> pirate = client.postJson("/api/chat", chat(MODEL, "user", "/pirate hello", false));
        JsonNode forwarded = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(forwarded.get(0).path("role").asText()).isEqualTo("system");
        assertThat(forwarded.get(0).path("content").asText()).isEqualTo("Talk like a pirate.");
        assertThat(ProxyClient.json(pirate.body()).path("message").path("content").asText()).endsWith("hello Arr!");
    }

    @Test
    void shippedYamlAgentAsksForShortAnswers() {
        client.postJson("/api/chat", chat(MODEL, "user", "/concise Explain TCP", false));

        JsonNode forwarded = SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages");
        assertThat(forwarded.get(0).path("content").asText()).isEqualTo("Answer in three sentences at most.");
        assertThat(forwarded.get(1).path("content").asText()).isEqualTo("Explain TCP");
    }

    private static String lastUserContent(String model) {
        RecordedRequest request = SIMULATOR.lastRequest("/api/chat", model);
        JsonNode messages = request.json().path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    static String chat(String model, String role, String content, boolean stream) {
        return "{\"model\":\"%s\",\"messages\":[{\"role\":\"%s\",\"content\":%s}],\"stream\":%s}"
                .formatted(model, role, ProxyClient.quote(content), stream);
    }
}
