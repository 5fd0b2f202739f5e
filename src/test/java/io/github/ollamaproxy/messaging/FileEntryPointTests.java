package io.github.ollamaproxy.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import org.junit.jupiter.api.Test;

/**
 * The folder entry point ({@code routes/integration/files.camel.yaml}): request files dropped into
 * {@code target/messaging/inbox} are answered into {@code target/messaging/outbox}.
 */
class FileEntryPointTests extends MessagingIntegrationTest {

    private static final Path INBOX = Path.of("target/messaging/inbox");
    private static final Path OUTBOX = Path.of("target/messaging/outbox");
    private static final Path ERRORS = INBOX.resolve(".error");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aJsonRequestFileIsAnsweredIntoTheOutboxAndMovedToDone() throws Exception {
        String name = unique("single");
        drop(name + ".json", chat(MODEL, "one file, one request") + "\n");

        Path answer = awaitFile(OUTBOX.resolve(name + ".answer.json"));

        JsonNode body = ProxyClient.json(Files.readString(answer));
        assertThat(body.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("You said: one file, one request");
        assertThat(awaitFile(INBOX.resolve(".done").resolve(name + ".json"))).exists();
        assertThat(INBOX.resolve(name + ".json")).doesNotExist();
    }

    @Test
    void aJsonlFileIsAnsweredLineByLineWithItsFailuresSetAside() throws Exception {
        String name = unique("lines");
        List<String> lines = List.of(
                chat(MODEL, "/concise first line"),
                "{\"custom_id\":\"emb-1\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"" + MODEL
                        + "\",\"input\":\"embed me\"}}",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"third line\",\"options\":{\"temperature\":0}}",
                "{\"model\": not json",
                "",
                chat(MODEL, "sixth line"));
        drop(name + ".jsonl", String.join("\n", lines) + "\n");

        List<JsonNode> answers = awaitLines(OUTBOX.resolve(name + ".answers.jsonl"), 5);

        assertThat(answers).extracting(answer -> answer.path("line").asInt()).containsExactlyInAnyOrder(1, 2, 3, 4, 6);
        assertThat(line(answers, 1).path("response").path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("You said: first line");
        assertThat(line(answers, 2).path("custom_id").asText()).isEqualTo("emb-1");
        assertThat(line(answers, 2).path("response").path("object").asText()).isEqualTo("list");
        assertThat(line(answers, 2).path("response").path("data").path(0).path("embedding").size()).isEqualTo(16);
        assertThat(line(answers, 3).path("response").path("response").asText()).isEqualTo("You said: third line");
        assertThat(line(answers, 4).path("error").path("status").asInt()).isEqualTo(400);
        assertThat(line(answers, 4).path("error").path("message").asText()).startsWith("invalid JSON");
        assertThat(Files.readString(awaitFile(ERRORS.resolve(name + ".failed.jsonl")))).isEqualTo("{\"model\": not json\n");
        assertThat(awaitFile(INBOX.resolve(".done").resolve(name + ".jsonl"))).exists();
    }

    @Test
    void aJsonFileThatCannotBeAnsweredGoesToTheErrorFolderWithItsError() throws Exception {
        String name = unique("broken");
        drop(name + ".json", "[\"not a request\"]");

        Path error = awaitFile(ERRORS.resolve(name + ".error.json"));

        assertThat(ProxyClient.json(Files.readString(error)).path("error").path("status").asInt()).isEqualTo(400);
        assertThat(awaitFile(ERRORS.resolve(name + ".json"))).hasContent("[\"not a request\"]");
        assertThat(OUTBOX.resolve(name + ".answer.json")).doesNotExist();
    }

    @Test
    void aLargeJsonlFileRunsAtMostTheConfiguredNumberOfRequestsAtOnceAndAnswersEachLineOnce() throws Exception {
        SIMULATOR.install(SimulatedModel.named("slow-files").withTokenDelay(Duration.ofMillis(5)));
        String name = unique("many");
        StringBuilder file = new StringBuilder();
        IntStream.rangeClosed(1, 60).forEach(i -> file.append(chat("slow-files", "request " + i)).append('\n'));
        drop(name + ".jsonl", file.toString());

        List<JsonNode> answers = awaitLines(OUTBOX.resolve(name + ".answers.jsonl"), 60);

        assertThat(answers).extracting(answer -> answer.path("line").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).boxed().toList());
        assertThat(answers).allSatisfy(answer -> assertThat(answer.path("response").path("choices").path(0)
                .path("message").path("content").asText()).isEqualTo("You said: request " + answer.path("line").asInt()));
        assertThat(SIMULATOR.peakConcurrentGenerations("slow-files")).isEqualTo(2);
    }

    private static JsonNode line(List<JsonNode> answers, int number) {
        return answers.stream().filter(answer -> answer.path("line").asInt() == number).findFirst().orElseThrow();
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + ProxyClient.quote(text) + "}]}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Writes the file beside the inbox, then moves it in whole, as a careful producer does. */
    private static void drop(String fileName, String content) throws IOException {
        Files.createDirectories(INBOX);
        Path staged = Files.writeString(INBOX.resolveSibling(fileName + ".part"), content);
        Files.move(staged, INBOX.resolve(fileName));
    }

    private static Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return file;
    }

    private static List<JsonNode> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= count) {
                Thread.sleep(300);
                lines = Files.readAllLines(file);
                break;
            }
            Thread.sleep(50);
        }
        return lines.stream().map(ProxyClient::json).toList();
    }
}
