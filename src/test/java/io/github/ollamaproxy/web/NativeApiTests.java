package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.OllamaResult;
import io.github.ollama4j.utils.Options;
import io.github.ollama4j.utils.OptionsBuilder;
import io.github.ollamaproxy.simulator.RecordedRequest;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import io.github.ollamaproxy.support.StreamedChat;
import org.junit.jupiter.api.Test;

/** The native Ollama API through the proxy, with real Ollama clients and plain HTTP. */
class NativeApiTests extends ProxyIntegrationTest {

    private OllamaAPI ollama() {
        OllamaAPI api = new OllamaAPI(client.baseUrl());
        api.setRequestTimeoutSeconds(30);
        return api;
    }

    @Test
    void ollamaClientListsModelsAndReadsVersionAndDetails() throws Exception {
        OllamaAPI api = ollama();

        List<Model> models = api.listModels();
        assertThat(models).extracting(Model::getName).contains(MODEL + ":latest");
        assertThat(api.getVersion()).isEqualTo("0.13.5");
        assertThat(api.getModelDetails(MODEL).getModelFile()).contains("simulated model llama3.2:latest");
        assertThat(api.ping()).isTrue();
    }

    @Test
    void ollamaClientChatsAndGenerates() throws Exception {
        OllamaAPI api = ollama();

        OllamaChatResult chat = api.chat(OllamaChatRequestBuilder.getInstance(MODEL)
                .withMessage(OllamaChatMessageRole.USER, "/example hello there").build());
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).json().path("stream").asBoolean()).isTrue();
        assertThat(chat.getResponseModel().getMessage().getContent()).isEqualTo("You said: [Example Agent] hello there");

        Options options = new OptionsBuilder().setNumCtx(2048).build();
        OllamaResult generated = api.generate(MODEL, "plain prompt", false, false, options);
        assertThat(generated.getResponse()).isEqualTo("You said: plain prompt");
        assertThat(SIMULATOR.lastRequest("/api/generate", MODEL).json().path("options").path("num_ctx").asInt())
                .isEqualTo(2048);
    }

    @Test
    void langchain4jStreamsAChatThroughTheProxy() throws Exception {
        OllamaStreamingChatModel model = OllamaStreamingChatModel.builder()
                .baseUrl(client.baseUrl()).modelName(MODEL).build();
        StreamedChat chat = StreamedChat.of(model, "stream these words please");
        List<String> partials = chat.partials();
        ChatResponse response = chat.response();
        assertThat(partials).hasSizeGreaterThan(3);
        assertThat(String.join("", partials)).isEqualTo("You said: stream these words please");
        assertThat(response.aiMessage().text()).isEqualTo("You said: stream these words please");
    }

    @Test
    void passThroughKeepsStatusContentTypeAndBytesAndGivesTextErrorsOllamasJsonShape() {
        HttpResponse<String> viaProxy = client.get("/api/tags");
        HttpResponse<String> direct = new ProxyClient(SIMULATOR.port()).get("/api/tags");
        assertThat(viaProxy.statusCode()).isEqualTo(200);
        assertThat(viaProxy.body()).isEqualTo(direct.body());
        assertThat(viaProxy.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo(direct.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));

        HttpResponse<String> unknown = client.get("/api/experimental/model-recommendations?limit=3&sort=size");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"404 page not found\"}");
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        RecordedRequest forwarded = SIMULATOR.requests("/api/experimental/model-recommendations").get(0);
        assertThat(forwarded.method()).isEqualTo("GET");
        assertThat(forwarded.query()).isEqualTo("limit=3&sort=size");
    }

    @Test
    void rootAndHeadRequestsPassThrough() {
        HttpResponse<String> root = client.get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo("Ollama is running");

        HttpResponse<String> head = client.send(client.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        HttpResponse<String> headVersion = client.send(client.request("/api/version")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(headVersion.statusCode()).isEqualTo(200);
        assertThat(headVersion.body()).isEmpty();
        assertThat(client.get("/api/version").body()).isEqualTo("{\"version\":\"0.13.5\"}");
    }

    @Test
    void modelManagementPassesThrough() throws Exception {
        SIMULATOR.publish(SimulatedModel.named("managed-model"));
        OllamaAPI api = ollama();

        ProxyClient.TimedLines pull = client.streamLines("/api/pull", "{\"model\":\"managed-model\"}");
        assertThat(pull.response().headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(pull.json(0).path("status").asText()).isEqualTo("pulling manifest");
        assertThat(pull.last().path("status").asText()).isEqualTo("success");

        HttpResponse<String> copy = client.postJson("/api/copy", "{\"source\":\"managed-model\",\"destination\":\"managed-copy\"}");
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.body()).isEmpty();
        assertThat(api.listModels()).extracting(Model::getName).contains("managed-copy:latest");

        HttpResponse<String> delete = client.send(client.request("/api/delete").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"model\":\"managed-copy\"}")).build());
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(SIMULATOR.requests("/api/delete").get(SIMULATOR.requests("/api/delete").size() - 1).json()
                .path("model").asText()).isEqualTo("managed-copy");
        HttpResponse<String> deleteAgain = client.send(client.request("/api/delete")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"name\":\"managed-copy\"}")).build());
        assertThat(deleteAgain.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.json(deleteAgain.body()).path("error").asText()).isEqualTo("model 'managed-copy' not found");

        ProxyClient.TimedLines create = client.streamLines("/api/create", "{\"model\":\"created\",\"from\":\"managed-model\"}");
        assertThat(create.last().path("status").asText()).isEqualTo("success");
        HttpResponse<String> push = client.postJson("/api/push", "{\"model\":\"created\",\"stream\":false}");
        assertThat(ProxyClient.json(push.body()).path("status").asText()).isEqualTo("success");
        assertThat(client.get("/api/ps").statusCode()).isEqualTo(200);
        assertThat(client.postJson("/api/show", "{\"model\":\"created\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void blobsAreUploadedAsRawBytes() throws Exception {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        assertThat(head("/api/blobs/" + digest)).isEqualTo(404);
        HttpResponse<String> upload = client.send(client.request("/api/blobs/" + digest)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(head("/api/blobs/" + digest)).isEqualTo(200);

        HttpResponse<String> wrong = client.send(client.request("/api/blobs/sha256:" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(ProxyClient.json(wrong.body()).path("error").asText()).startsWith("digest mismatch");
    }

    @Test
    void largeUploadIsStreamedToOllamaWhileTheClientStillSends() throws Exception {
        int chunks = 8;
        byte[] chunk = new byte[1 << 20];
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < chunks; i++) {
            sha256.update(chunk);
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        long[] sendingEnded = new long[1];
        HttpRequest upload = client.request("/api/blobs/" + digest)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowUpload(chunk, chunks, sendingEnded)))
                .build();

        HttpResponse<String> response = client.send(upload);

        assertThat(response.statusCode()).isEqualTo(201);
        List<RecordedRequest> blobs = SIMULATOR.requests("/api/blobs/" + digest);
        Instant upstreamStarted = blobs.get(blobs.size() - 1).receivedAt();
        assertThat(upstreamStarted.toEpochMilli()).isLessThan(sendingEnded[0] - 500);
        assertThat(SIMULATOR.largestBlobUpload()).isGreaterThanOrEqualTo((long) chunks << 20);
    }

    @Test
    void embeddingsPassThrough() throws Exception {
        SIMULATOR.install(SimulatedModel.embedding("embedder", 8));

        List<List<Double>> vectors = ollama().embed("embedder", List.of("a", "b")).getEmbeddings();
        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(0)).hasSize(8);

        HttpResponse<String> legacy = client.postJson("/api/embeddings", "{\"model\":\"embedder\",\"prompt\":\"hello\"}");
        assertThat(ProxyClient.json(legacy.body()).path("embedding")).hasSize(8);
    }

    @Test
    void requestHeadersTowardOllamaAreFilteredAndHostIsRewritten() {
        client.send(client.request("/api/tags")
                .header("Authorization", "Bearer client-secret")
                .header("Cookie", "session=1")
                .header("X-Custom-Trace", "trace-42")
                .header("User-Agent", "proxy-test/1.0")
                .GET().build());

        List<RecordedRequest> tags = SIMULATOR.requests("/api/tags");
        RecordedRequest forwarded = tags.get(tags.size() - 1);
        assertThat(forwarded.header("Authorization")).isNull();
        assertThat(forwarded.header("Cookie")).isNull();
        assertThat(forwarded.header("X-Custom-Trace")).isEqualTo("trace-42");
        assertThat(forwarded.header("User-Agent")).isEqualTo("proxy-test/1.0");
        assertThat(forwarded.header("Host")).isEqualTo("127.0.0.1:" + SIMULATOR.port());
    }

    @Test
    void noRequestHeaderIsEchoedBack() {
        for (HttpRequest request : List.of(
                withClientHeaders(client.request("/api/tags").GET()),
                withClientHeaders(client.request("/api/chat").POST(body(chat("/example hi", false)))),
                withClientHeaders(client.request("/api/chat").POST(body(chat("hi", true)))),
                withClientHeaders(client.request("/api/chat").POST(body("{broken"))),
                withClientHeaders(client.request("/health").GET()))) {
            HttpResponse<String> response = client.send(request);
            assertThat(response.headers().map().keySet())
                    .as("response headers of %s", request.uri())
                    .noneMatch(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("X-Secret")
                            || name.equalsIgnoreCase("Keep-Alive") || name.equalsIgnoreCase("User-Agent"));
        }
    }

    @Test
    void wholeBodyIsForwardedByteForByteWithoutAgents() {
        String body = "{\"model\":\"" + MODEL + "\",  \"zeta\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
                + "\"images\":[]}],\"options\":{\"temperature\":0.10,\"seed\":42},\"stream\":false,\"alpha\":{\"x\":[1,2]}}";
        client.postJson("/api/chat", body);

        assertThat(new String(SIMULATOR.lastRequest("/api/chat", MODEL).body(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void agentChangesAreMergedIntoTheWholeBody() {
        String body = "{\"model\":\"" + MODEL + "\",\"zeta\":1,\"messages\":[{\"role\":\"user\",\"content\":\"/example hi\","
                + "\"images\":[\"aGk=\"]}],\"options\":{\"temperature\":0.10,\"num_ctx\":4096},\"stream\":false,"
                + "\"format\":{\"type\":\"object\"},\"keep_alive\":\"5m\",\"alpha\":{\"x\":[1,2]}}";
        client.postJson("/api/chat", body);

        JsonNode forwarded = SIMULATOR.lastRequest("/api/chat", MODEL).json();
        List<String> keys = new ArrayList<>();
        forwarded.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "zeta", "messages", "options", "stream", "format", "keep_alive", "alpha");
        assertThat(forwarded.path("messages").get(0).path("content").asText()).isEqualTo("[Example Agent] hi");
        assertThat(forwarded.path("messages").get(0).path("images").get(0).asText()).isEqualTo("aGk=");
        String raw = new String(SIMULATOR.lastRequest("/api/chat", MODEL).body(), StandardCharsets.UTF_8);
        assertThat(raw).contains("\"options\":{\"temperature\":0.10,\"num_ctx\":4096}");
        assertThat(forwarded.path("alpha").toString()).isEqualTo("{\"x\":[1,2]}");
    }

    @Test
    void streamKeepsOllamasDefault() {
        ProxyClient.TimedLines lines = client.streamLines("/api/chat",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"/example a b c\"}]}");

        assertThat(lines.response().headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(lines.lines()).hasSizeGreaterThan(2);
        assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).json().has("stream")).isFalse();
    }

    @Test
    void trailingSlashVariantsBehaveLikeThePlainPaths() {
        HttpResponse<String> chat = client.postJson("/api/chat/", chat("/example slash", false));
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("example");

        HttpResponse<String> generate = client.postJson("/api/generate/",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"slash\",\"stream\":false}");
        assertThat(ProxyClient.json(generate.body()).path("response").asText()).isEqualTo("You said: slash");
        assertThat(SIMULATOR.requests("/api/generate/")).isEmpty();
    }

    /** An upload that sends its chunks 150 ms apart, and records when it sent the last byte. */
    private static final class SlowUpload extends java.io.InputStream {
        private final byte[] chunk;
        private final long[] ended;
        private int chunksLeft;
        private int position;

        SlowUpload(byte[] chunk, int chunks, long[] ended) {
            this.chunk = chunk;
            this.chunksLeft = chunks;
            this.ended = ended;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (chunksLeft == 0) {
                ended[0] = System.currentTimeMillis();
                return -1;
            }
            if (position == 0) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            if (position == chunk.length) {
                position = 0;
                chunksLeft--;
            }
            return n;
        }
    }

    private int head(String path) {
        return client.send(client.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    private static HttpRequest withClientHeaders(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer secret").header("X-Secret", "s3cr3t")
                .header("User-Agent", "echo-test").header("Content-Type", "application/json").build();
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private static String chat(String content, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"stream\":"
                + stream + "}";
    }
}
