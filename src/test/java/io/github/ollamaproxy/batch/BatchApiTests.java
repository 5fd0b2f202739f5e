package io.github.ollamaproxy.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OpenAI Batch API through the port, with the official OpenAI Java SDK: files up, batches
 * created, retrieved, cancelled, results down; invalid lines in the error file; a batch stopped
 * midway that resumes and answers every line once.
 */
class BatchApiTests extends ProxyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private CamelContext camel;

    private OpenAIClient openAi;

    @BeforeEach
    void openAi() {
        openAi = OpenAIOkHttpClient.builder().baseUrl(client.baseUrl() + "/v1").apiKey("unused").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aChatBatchRunsThroughThePipelineWithASlashCommandInALine() throws IOException {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        IntStream.rangeClosed(1, 4).forEach(i -> lines.add(line("req-" + i, "/v1/chat/completions", chat(MODEL, "question " + i))));
        lines.add(line("req-concise", "/v1/chat/completions", chat(MODEL, "/concise Explain batches " + marker)));

        Batch batch = runToEnd(upload(lines), BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS);

        assertThat(batch.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(batch.requestCounts().orElseThrow().total()).isEqualTo(5);
        assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(5);
        assertThat(batch.requestCounts().orElseThrow().failed()).isZero();
        assertThat(batch.errorFileId()).isEmpty();
        List<JsonNode> results = download(batch.outputFileId().orElseThrow());
        assertThat(results).extracting(result -> result.path("custom_id").asText())
                .containsExactlyInAnyOrder("req-1", "req-2", "req-3", "req-4", "req-concise");
        assertThat(result(results, "req-2").path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(result(results, "req-2").path("response").path("body").path("choices").path(0).path("message")
                .path("content").asText()).isEqualTo("You said: question 2");
        assertThat(result(results, "req-concise").path("response").path("body").path("choices").path(0).path("message")
                .path("content").asText()).isEqualTo("You said: Explain batches " + marker);
        assertThat(SIMULATOR.requests("/api/chat").stream().map(request -> request.json().path("messages").toString())
                .filter(messages -> messages.contains(marker)).toList())
                .singleElement().asString().contains("Answer in three sentences at most.").doesNotContain("/concise");
    }

    @Test
    void completionAndEmbeddingBatchesAnswerInTheirEndpointsShapes() throws IOException {
        Batch completions = runToEnd(upload(List.of(
                line("c-1", "/v1/completions", "{\"model\":\"" + MODEL + "\",\"prompt\":\"complete me\"}"),
                line("c-2", "/v1/completions", "{\"model\":\"" + MODEL + "\",\"prompt\":\"and me\",\"max_tokens\":3}"))),
                BatchCreateParams.Endpoint.V1_COMPLETIONS);
        Batch embeddings = runToEnd(upload(List.of(
                line("e-1", "/v1/embeddings", "{\"model\":\"" + MODEL + "\",\"input\":\"embed me\"}"),
                line("e-2", "/v1/embeddings", "{\"model\":\"" + MODEL + "\",\"input\":[\"a\",\"b\"]}"))),
                BatchCreateParams.Endpoint.V1_EMBEDDINGS);

        List<JsonNode> texts = download(completions.outputFileId().orElseThrow());
        assertThat(result(texts, "c-1").path("response").path("body").path("object").asText()).isEqualTo("text_completion");
        assertThat(result(texts, "c-1").path("response").path("body").path("choices").path(0).path("text").asText())
                .isEqualTo("You said: complete me");
        List<JsonNode> vectors = download(embeddings.outputFileId().orElseThrow());
        assertThat(result(vectors, "e-2").path("response").path("body").path("data").size()).isEqualTo(2);
        assertThat(result(vectors, "e-1").path("response").path("body").path("data").path(0).path("embedding").size())
                .isEqualTo(16);
    }

    @Test
    void invalidLinesAndFailedRequestsGoToTheErrorFileAndTheBatchCompletes() throws IOException {
        Batch batch = runToEnd(upload(List.of(
                line("good", "/v1/chat/completions", chat(MODEL, "fine")),
                "this is not JSON",
                "{\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":" + chat(MODEL, "no id") + "}",
                line("wrong-url", "/v1/embeddings", chat(MODEL, "wrong endpoint")),
                line("no-model", "/v1/chat/completions", chat("no-such-model-anywhere", "hi")))),
                BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS);

        assertThat(batch.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(1);
        assertThat(batch.requestCounts().orElseThrow().failed()).isEqualTo(4);
        List<JsonNode> errors = download(batch.errorFileId().orElseThrow());
        assertThat(errors).hasSize(4);
        assertThat(errors).extracting(error -> error.path("response").path("status_code").asInt())
                .containsExactlyInAnyOrder(400, 400, 400, 404);
        assertThat(result(errors, "wrong-url").path("response").path("body").path("error").path("message").asText())
                .contains("'url' must be the batch's endpoint /v1/chat/completions");
        assertThat(result(errors, "no-model").path("response").path("body").path("error").path("code").asText())
                .isEqualTo("model_not_found");
        assertThat(download(batch.outputFileId().orElseThrow())).extracting(result -> result.path("custom_id").asText())
                .containsExactly("good");
    }

    @Test
    void aCancelledBatchStopsStartingRequestsAndKeepsWhatWasDone() throws IOException, InterruptedException {
        SIMULATOR.publish(SimulatedModel.named("slow-batch").withTokenDelay(Duration.ofMillis(40)));
        List<String> lines = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> line("s-" + i, "/v1/chat/completions", chat("slow-batch", "slow question " + i))).toList();
        Batch batch = openAi.batches().create(create(upload(lines), BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS));
        await(batch.id(), started -> started.requestCounts().orElseThrow().completed() >= 2);

        Batch cancelling = openAi.batches().cancel(batch.id());
        Batch cancelled = await(batch.id(), b -> b.status().equals(Batch.Status.CANCELLED));

        assertThat(cancelling.status()).isIn(Batch.Status.CANCELLING, Batch.Status.CANCELLED);
        long completed = cancelled.requestCounts().orElseThrow().completed();
        assertThat(completed).isBetween(2L, 39L);
        assertThat(download(cancelled.outputFileId().orElseThrow())).hasSize((int) completed);
        assertThatThrownBy(() -> openAi.batches().cancel(batch.id())).hasMessageContaining("Cannot cancel a batch");
    }

    @Test
    void aBatchStoppedMidwayResumesAndAnswersEveryLineExactlyOnce() throws Exception {
        SIMULATOR.publish(SimulatedModel.named("resume-batch").withTokenDelay(Duration.ofMillis(80)));
        List<String> lines = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> line("r-" + i, "/v1/chat/completions", chat("resume-batch", "resume " + i))).toList();
        Batch batch = openAi.batches().create(create(upload(lines), BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS));
        await(batch.id(), started -> started.requestCounts().orElseThrow().completed() >= 3);

        camel.getRouteController().stopRoute("llm-batches");
        Batch stopped = openAi.batches().retrieve(batch.id());
        camel.getRouteController().startRoute("llm-batches");
        Batch done = await(batch.id(), b -> b.status().equals(Batch.Status.COMPLETED));

        assertThat(stopped.status()).isEqualTo(Batch.Status.IN_PROGRESS);
        assertThat(stopped.requestCounts().orElseThrow().completed()).isBetween(3L, 59L);
        List<JsonNode> results = download(done.outputFileId().orElseThrow());
        assertThat(results).extracting(result -> result.path("custom_id").asText())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).mapToObj(i -> "r-" + i).toList());
        assertThat(SIMULATOR.requests("/api/chat").stream()
                .filter(request -> request.json().path("model").asText().equals("resume-batch"))).hasSize(60);
        assertThat(SIMULATOR.pullCount("resume-batch")).as("the missing model is pulled once").isEqualTo(1);
    }

    @Test
    void filesAreListedRetrievedAndDeletedAndUnknownOnesAre404() throws IOException {
        FileObject file = upload(List.of(line("x", "/v1/chat/completions", chat(MODEL, "x"))));

        assertThat(openAi.files().retrieve(file.id()).filename()).isEqualTo("batch.jsonl");
        assertThat(openAi.files().list().data()).extracting(FileObject::id).contains(file.id());
        assertThat(openAi.files().delete(file.id()).deleted()).isTrue();
        assertThatThrownBy(() -> openAi.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
        HttpResponse<String> missing = client.get("/v1/batches/batch_nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.json(missing.body()).path("error").path("message").asText()).isEqualTo("No such Batch object: batch_nope");
    }

    @Test
    void anUploadWithAnotherPurposeOrABatchOnAnotherEndpointIsRefused() throws IOException {
        assertThatThrownBy(() -> openAi.files().create(FileCreateParams.builder().file("{}".getBytes(StandardCharsets.UTF_8))
                .purpose(FilePurpose.FINE_TUNE).build())).hasMessageContaining("'purpose' must be 'batch'");
        FileObject file = upload(List.of(line("x", "/v1/chat/completions", chat(MODEL, "x"))));
        HttpResponse<String> refused = client.postJson("/v1/batches", "{\"input_file_id\":\"" + file.id()
                + "\",\"endpoint\":\"/v1/responses\",\"completion_window\":\"24h\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ProxyClient.json(refused.body()).path("error").path("param").asText()).isEqualTo("endpoint");
    }

    private FileObject upload(List<String> lines) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return openAi.files().create(FileCreateParams.builder()
                .file(com.openai.core.MultipartField.<InputStream>builder().value(new java.io.ByteArrayInputStream(content))
                        .filename("batch.jsonl").build())
                .purpose(FilePurpose.BATCH).build());
    }

    private static BatchCreateParams create(FileObject input, BatchCreateParams.Endpoint endpoint) {
        return BatchCreateParams.builder().inputFileId(input.id()).endpoint(endpoint)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build();
    }

    private Batch runToEnd(FileObject input, BatchCreateParams.Endpoint endpoint) {
        Batch batch = openAi.batches().create(create(input, endpoint));
        assertThat(batch.status()).isEqualTo(Batch.Status.VALIDATING);
        return await(batch.id(), b -> b.status().equals(Batch.Status.COMPLETED) || b.status().equals(Batch.Status.FAILED));
    }

    private Batch await(String id, Predicate<Batch> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Batch batch = openAi.batches().retrieve(id);
        while (!condition.test(batch) && System.nanoTime() < deadline) {
            sleep();
            batch = openAi.batches().retrieve(id);
        }
        assertThat(condition).as("batch %s: %s", id, batch).accepts(batch);
        return batch;
    }

    private List<JsonNode> download(String fileId) throws IOException {
        try (var response = openAi.files().content(fileId); InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().map(ProxyClient::json).toList();
        }
    }

    private static JsonNode result(List<JsonNode> results, String customId) {
        return results.stream().filter(result -> customId.equals(result.path("custom_id").asText())).findFirst()
                .orElseThrow();
    }

    private static String line(String customId, String url, String body) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"" + url + "\",\"body\":" + body + "}";
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + ProxyClient.quote(text) + "}]}";
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
