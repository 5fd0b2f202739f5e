package io.github.ollamaproxy.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollamaproxy.simulator.Fault;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three simulated Ollama servers behind one proxy ({@code ollama-proxy.upstreams}), called through
 * the proxy's port by an Ollama Java client, the OpenAI SDK and plain HTTP: model-aware routing,
 * spreading, failover before the first byte and never after, the union of the model lists, and
 * model management on one named server or on every server.
 */
class SeveralServersTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<OllamaSimulator> simulators = new ArrayList<>();
    private OllamaSimulator a;
    private OllamaSimulator b;
    private OllamaSimulator c;
    private StandaloneProxy proxy;
    private ProxyClient client;

    @BeforeEach
    void startServers() throws IOException {
        for (int i = 0; i < 3; i++) {
            simulators.add(OllamaSimulator.start(0, Duration.ofMillis(5)));
        }
        a = simulators.get(0);
        b = simulators.get(1);
        c = simulators.get(2);
    }

    @AfterEach
    void stopAll() {
        if (proxy != null) {
            proxy.close();
        }
        simulators.forEach(OllamaSimulator::close);
    }

    @Test
    void aModelInstalledOnOneServerIsServedThere() throws Exception {
        b.install(SimulatedModel.named("only-on-b"));
        startProxy();

        OllamaChatResult answer = ollama().chat(OllamaChatRequestBuilder.getInstance("only-on-b")
                .withMessage(OllamaChatMessageRole.USER, "hello").build());

        assertThat(answer.getResponseModel().getMessage().getContent()).isNotBlank();
        assertThat(chats(b)).isEqualTo(1);
        assertThat(chats(a) + chats(c)).isZero();
    }

    @Test
    void aModelLoadedOnOneOfTwoServersGoesToThatOne() throws Exception {
        a.install(SimulatedModel.named("on-two"));
        b.install(SimulatedModel.named("on-two"));
        chatDirectly(b, "on-two");
        startProxy();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.postJson("/api/chat", chat("on-two", false));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue(ProxyHeaders.UPSTREAM)).hasValue("b");
        }

        assertThat(chats(b)).isEqualTo(1 + 3);
        assertThat(chats(a)).isZero();

        HttpResponse<String> named = client.send(client.request("/api/chat").header(ProxyHeaders.UPSTREAM, "A")
                .POST(HttpRequest.BodyPublishers.ofString(chat("on-two", false))).build());
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(chats(a)).as("the header names the server").isEqualTo(1);
        assertThat(a.lastRequest("/api/chat", "on-two").headers().keySet()).as("never forwarded")
                .isNotEmpty().noneMatch(name -> name.equalsIgnoreCase(ProxyHeaders.UPSTREAM));
    }

    @Test
    void requestsSpreadOverTwoEqualServers() throws Exception {
        for (OllamaSimulator server : List.of(a, b)) {
            server.install(SimulatedModel.named("even").withTokenDelay(Duration.ofMillis(100)));
            chatDirectly(server, "even");
        }
        startProxy();

        for (int i = 0; i < 4; i++) {
            assertThat(client.postJson("/api/chat", chat("even", false)).statusCode()).isEqualTo(200);
        }
        assertThat(chats(a)).as("one after the other, equal servers take turns").isEqualTo(1 + 2);
        assertThat(chats(b)).isEqualTo(1 + 2);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> streams = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                streams.add(pool.submit(() -> client.streamLines("/api/chat", chat("even", true)).response().statusCode()));
            }
            for (Future<Integer> stream : streams) {
                assertThat(stream.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(chats(a) - 3).as("at once, the least busy server gets the next stream").isBetween(2, 4);
        assertThat(chats(b) - 3).isBetween(2, 4);
        assertThat(chats(c)).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((server(0).path("in_flight").asInt() != 0 || server(1).path("in_flight").asInt() != 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(List.of(server(0).path("in_flight").asInt(), server(1).path("in_flight").asInt()))
                .as("every request gave its place back").containsExactly(0, 0);
    }

    @Test
    void requestsToAStoppedServerFailOverWithoutAClientError() throws Exception {
        a.install(SimulatedModel.named("both"));
        b.install(SimulatedModel.named("both"));
        chatDirectly(a, "both");
        startProxy();
        assertThat(client.postJson("/api/chat", chat("both", false)).headers().firstValue(ProxyHeaders.UPSTREAM))
                .hasValue("a");

        a.close();
        for (int i = 0; i < 5; i++) {
            OllamaChatResult answer = ollama().chat(OllamaChatRequestBuilder.getInstance("both")
                    .withMessage(OllamaChatMessageRole.USER, "still there? " + i).build());
            assertThat(answer.getResponseModel().getMessage().getContent()).isNotBlank();
        }
        ChatCompletion completion = openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("both").addUserMessage("and through /v1?").build());
        assertThat(completion.choices().get(0).message().content()).isPresent();
        assertThat(chats(b)).isEqualTo(6);

        HttpResponse<String> health = client.get("/health");
        JsonNode report = ProxyClient.json(health.body());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(report.path("status").asText()).isEqualTo("healthy");
        assertThat(report.path("upstream").asText()).isEqualTo("degraded");
        assertThat(report.path("servers").get(0).path("name").asText()).isEqualTo("a");
        assertThat(report.path("servers").get(0).path("circuit").asText()).as("taken out after repeated failures")
                .isEqualTo("open");
        assertThat(report.path("servers").get(0).path("error").asText()).isNotBlank();
        assertThat(report.path("servers").get(1).path("circuit").asText()).isEqualTo("closed");
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/prometheus").body())
                .contains("ollama_proxy_upstream_failures_total{reason=\"connect\",server=\"a\"}")
                .contains("ollama_proxy_upstream_circuit_open{server=\"a\"} 1.0");
    }

    @Test
    void aServerFailingMidStreamEndsThatStreamWithAnErrorLineAndIsNotRetried() throws Exception {
        a.install(SimulatedModel.named("flaky").withFault(Fault.disconnectAfter(3)));
        b.install(SimulatedModel.named("flaky"));
        startProxy();

        ProxyClient.TimedLines stream = client.streamLines("/api/chat", chat("flaky", true));

        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.lines()).hasSizeGreaterThan(1);
        assertThat(stream.json(0).path("message").path("content").asText()).isNotEmpty();
        assertThat(stream.last().path("error").asText()).isNotBlank();
        assertThat(chats(a)).isEqualTo(1);
        assertThat(chats(b)).as("bytes reached the client: no other server is tried").isZero();
    }

    @Test
    void aServerErrorBeforeTheFirstByteFailsOver() throws Exception {
        a.install(SimulatedModel.named("shaky"));
        b.install(SimulatedModel.named("shaky"));
        a.failNextGenerations("shaky", 1);
        startProxy();

        HttpResponse<String> response = client.postJson("/api/chat", chat("shaky", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(response.body()).path("done").asBoolean()).isTrue();
        assertThat(response.headers().firstValue(ProxyHeaders.UPSTREAM)).hasValue("b");
        assertThat(chats(a)).isEqualTo(1);
        assertThat(chats(b)).isEqualTo(1);

        a.failNextGenerations("shaky", 5);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> pinned = client.send(client.request("/api/chat").header(ProxyHeaders.UPSTREAM, "a")
                    .POST(HttpRequest.BodyPublishers.ofString(chat("shaky", false))).build());
            assertThat(pinned.statusCode()).as("a named server is not failed over").isEqualTo(500);
            assertThat(ProxyClient.json(pinned.body()).path("error").asText()).isEqualTo("simulated server error");
        }
        assertThat(server(0).path("circuit").asText()).as("Ollama's 500 is the request's failure, not the server's")
                .isEqualTo("closed");
        assertThat(chats(b)).isEqualTo(1);
    }

    @Test
    void modelListsAreTheUnionOfEveryServer() throws Exception {
        a.install(SimulatedModel.named("m1"));
        b.install(SimulatedModel.named("m1")).install(SimulatedModel.named("m2"));
        c.install(SimulatedModel.named("m3"));
        chatDirectly(b, "m2");
        proxy = StandaloneProxy.start("--ollama-proxy.upstreams=" + a.baseUri() + "," + b.baseUri() + ";weight=2,"
                + c.baseUri());
        client = proxy.client();

        assertThat(ollama().listModels()).extracting(io.github.ollama4j.models.response.Model::getName)
                .containsExactlyInAnyOrder("m1:latest", "m2:latest", "m3:latest");
        JsonNode tags = ProxyClient.json(client.get("/api/tags").body());
        assertThat(tags.path("models").get(0).path("name").asText()).isEqualTo("m1:latest");
        assertThat(tags.path("models").get(0).path("servers")).extracting(JsonNode::asText)
                .containsExactly(a.baseUri().getAuthority(), b.baseUri().getAuthority());
        JsonNode ps = ProxyClient.json(client.get("/api/ps").body());
        assertThat(ps.path("models")).hasSize(1);
        assertThat(ps.path("models").get(0).path("servers").get(0).asText()).isEqualTo(b.baseUri().getAuthority());
        assertThat(openAi().models().list().data()).extracting(Model::id)
                .containsExactlyInAnyOrder("m1:latest", "m2:latest", "m3:latest");

        HttpResponse<String> one = client.send(client.request("/api/tags")
                .header(ProxyHeaders.UPSTREAM, c.baseUri().getAuthority()).GET().build());
        assertThat(ProxyClient.json(one.body()).path("models")).hasSize(1);
        assertThat(one.body()).doesNotContain("\"servers\"");
    }

    @Test
    void modelManagementGoesToTheNamedServerOrToEveryServer() throws Exception {
        for (OllamaSimulator server : simulators) {
            server.publish(SimulatedModel.named("pull-one")).publish(SimulatedModel.named("pull-all"));
        }
        startProxy();

        HttpResponse<String> one = client.send(client.request("/api/pull").header(ProxyHeaders.UPSTREAM, "b")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"pull-one\",\"stream\":false}")).build());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(List.of(a.pullCount("pull-one"), b.pullCount("pull-one"), c.pullCount("pull-one")))
                .containsExactly(0L, 1L, 0L);

        ProxyClient.TimedLines every = client.streamLines("/api/pull", "{\"model\":\"pull-all\"}");
        assertThat(every.response().statusCode()).isEqualTo(200);
        assertThat(every.last().path("status").asText()).isEqualTo("success");
        assertThat(every.lines().stream().map(ProxyClient::json).map(line -> line.path("server").asText())
                .filter(name -> !name.isEmpty()).distinct()).containsExactly("a", "b", "c");
        assertThat(List.of(a.pullCount("pull-all"), b.pullCount("pull-all"), c.pullCount("pull-all")))
                .containsExactly(1L, 1L, 1L);

        HttpResponse<String> delete = client.send(client.request("/api/delete")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"model\":\"pull-one\"}")).build());
        assertThat(delete.statusCode()).as("deleted where it was, absent elsewhere").isEqualTo(200);
        assertThat(ProxyClient.json(client.get("/api/tags").body()).toString()).doesNotContain("pull-one");

        a.publish(SimulatedModel.named("not-everywhere"));
        HttpResponse<String> partly = client.send(client.request("/api/pull")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"not-everywhere\",\"stream\":false}")).build());
        assertThat(partly.statusCode()).as("pull must succeed on every server").isEqualTo(500);
        assertThat(ProxyClient.json(partly.body()).path("error").asText()).startsWith("b: ").contains("; c: ");
        assertThat(a.pullCount("not-everywhere")).isEqualTo(1);
        ProxyClient.TimedLines partlyStreamed = client.streamLines("/api/pull", "{\"model\":\"not-everywhere\"}");
        assertThat(partlyStreamed.response().statusCode()).isEqualTo(200);
        assertThat(partlyStreamed.last().path("error").asText()).startsWith("b: ").contains("; c: ");
        assertThat(partlyStreamed.lines()).noneMatch(line -> line.contains("\"success\""));

        HttpResponse<String> unknown = client.send(client.request("/api/pull").header(ProxyHeaders.UPSTREAM, "nowhere")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"pull-one\"}")).build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ProxyClient.json(unknown.body()).path("error").asText())
                .contains("unknown Ollama server 'nowhere'").contains("a, b, c");
    }

    @Test
    void aModelNoServerHasIsPulledOnOneServerAndServedThere() throws Exception {
        for (OllamaSimulator server : simulators) {
            server.publish(SimulatedModel.named("fresh"));
        }
        startProxy();

        HttpResponse<String> response = client.postJson("/api/generate",
                "{\"model\":\"fresh\",\"prompt\":\"hi\",\"stream\":false}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(a.pullCount("fresh") + b.pullCount("fresh") + c.pullCount("fresh")).isEqualTo(1);
        OllamaSimulator puller = simulators.stream().filter(s -> s.pullCount("fresh") == 1).findFirst().orElseThrow();
        assertThat(puller.requests("/api/generate")).hasSize(1);
    }

    @Test
    void aServerTakenOutComesBackOnceItAnswersAgain() throws Exception {
        a.install(SimulatedModel.named("back"));
        b.install(SimulatedModel.named("back"));
        int port = a.port();
        startProxy("--ollama-proxy.routing.circuit-breaker.open-for=1s");
        assertThat(client.postJson("/api/chat", chat("back", false)).headers().firstValue(ProxyHeaders.UPSTREAM))
                .hasValue("a");

        a.close();
        for (int i = 0; i < 5; i++) {
            assertThat(client.postJson("/api/chat", chat("back", false)).statusCode()).isEqualTo(200);
        }
        assertThat(server(0).path("circuit").asText()).isEqualTo("open");

        OllamaSimulator restarted = OllamaSimulator.start(port, Duration.ofMillis(5));
        simulators.set(0, restarted);
        restarted.install(SimulatedModel.named("back"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!server(0).path("circuit").asText().equals("closed") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(server(0).path("circuit").asText()).as("probed back in").isEqualTo("closed");
        assertThat(ProxyClient.json(client.get("/health").body()).path("upstream").asText()).isEqualTo("Ok");
    }

    @Test
    void withEveryServerDownClientsGetErrorsInTheirApisShape() throws Exception {
        a.install(SimulatedModel.named("gone"));
        b.install(SimulatedModel.named("gone"));
        startProxy();
        simulators.forEach(OllamaSimulator::close);

        HttpResponse<String> nativeChat = client.postJson("/api/chat", chat("gone", false));
        assertThat(nativeChat.statusCode()).isEqualTo(502);
        assertThat(ProxyClient.json(nativeChat.body()).path("error").asText()).contains("unreachable");

        assertThatThrownBy(() -> openAi().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gone").addUserMessage("anyone?").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.code()).hasValue("upstream_unreachable");
                });

        HttpResponse<String> tags = client.get("/api/tags");
        assertThat(tags.statusCode()).isEqualTo(502);
        assertThat(ProxyClient.json(tags.body()).path("error").asText()).startsWith("no Ollama server answered /api/tags");

        HttpResponse<String> health = client.get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(ProxyClient.json(health.body()).path("upstream").asText()).isEqualTo("error");
    }

    @Test
    void withOneServerTheModelListIsOllamasOwn() throws Exception {
        a.install(SimulatedModel.named("solo"));
        proxy = StandaloneProxy.start("--ollama-proxy.upstreams=" + a.baseUri());
        client = proxy.client();

        String direct = HTTP.send(HttpRequest.newBuilder(URI.create(a.baseUri() + "/api/tags")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(client.get("/api/tags").body()).isEqualTo(direct);
        assertThat(client.postJson("/api/chat", chat("solo", false)).headers().firstValue(ProxyHeaders.UPSTREAM))
                .as("no choice was made").isEmpty();
    }

    private JsonNode server(int index) {
        return ProxyClient.json(client.get("/health").body()).path("servers").get(index);
    }

    private void startProxy(String... extra) {
        List<String> arguments = new ArrayList<>(List.of(extra));
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < simulators.size(); i++) {
            arguments.add("--ollama-proxy.upstreams[" + i + "].url=" + simulators.get(i).baseUri());
            arguments.add("--ollama-proxy.upstreams[" + i + "].name=" + names[i]);
        }
        proxy = StandaloneProxy.start(arguments.toArray(String[]::new));
        client = proxy.client();
    }

    private OllamaAPI ollama() {
        OllamaAPI api = new OllamaAPI(client.baseUrl());
        api.setRequestTimeoutSeconds(30);
        return api;
    }

    private OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("unused").maxRetries(0).build();
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }

    private static void chatDirectly(OllamaSimulator server, String model) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(chat(model, false))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static int chats(OllamaSimulator server) {
        return server.requests("/api/chat").size();
    }
}
