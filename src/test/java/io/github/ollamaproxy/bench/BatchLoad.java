package io.github.ollamaproxy.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;

/**
 * Throughput of the OpenAI Batch API: a batch of {@code --lines} chat requests (default 1000)
 * uploaded and run with the official OpenAI SDK against the packaged proxy and the simulator (each
 * answer takes about 5 tokens × {@code --token-delay-ms}), once per {@code --concurrency} value
 * ({@code ollama-proxy.batch.concurrency}). Prints the wall time from creation to completion, the
 * lines per second and the most requests the simulator saw at once.
 *
 * <pre>mvn -q -B package -DskipTests &amp;&amp; mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.github.ollamaproxy.bench.BatchLoad -Dexec.args="--lines 1000 --concurrency 1,4,16"</pre>
 */
public final class BatchLoad {

    private BatchLoad() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        int lines = Integer.parseInt(arguments.option("--lines", "1000"));
        Duration tokenDelay = Duration.ofMillis(Long.parseLong(arguments.option("--token-delay-ms", "10")));
        List<Integer> concurrencies = List.of(arguments.option("--concurrency", "1,4,16").split(",")).stream()
                .map(Integer::parseInt).toList();
        System.out.println("proxy JVM: " + arguments.java() + "; " + lines + " lines, token delay " + tokenDelay.toMillis()
                + " ms");
        System.out.println();
        System.out.println("| concurrency | wall time | lines/s | completed / failed | most requests at once |");
        System.out.println("|---|---|---|---|---|");
        try (OllamaSimulator simulator = OllamaSimulator.start(0, tokenDelay)) {
            for (int concurrency : concurrencies) {
                String model = "bench-" + concurrency;
                simulator.install(SimulatedModel.named(model));
                Path data = Files.createTempDirectory("batch-load-");
                try (ProxyProcess proxy = ProxyProcess.start(arguments, simulator.port(),
                        "batch-load-proxy.log", "--ollama-proxy.batch.concurrency=" + concurrency,
                        "--ollama-proxy.data.dir=" + data)) {
                    run(proxy.port(), model, lines, concurrency, simulator);
                }
            }
        }
        System.exit(0);
    }

    private static void run(int port, String model, int lines, int concurrency, OllamaSimulator simulator)
            throws InterruptedException {
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("unused")
                .maxRetries(0).timeout(Duration.ofSeconds(60)).build();
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            input.append("{\"custom_id\":\"r-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",")
                    .append("\"body\":{\"model\":\"").append(model).append("\",\"messages\":[{\"role\":\"user\",")
                    .append("\"content\":\"request number ").append(i).append("\"}]}}\n");
        }
        FileObject file = openAi.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)))
                        .filename("bench.jsonl").build())
                .purpose(FilePurpose.BATCH).build());
        long start = System.nanoTime();
        Batch batch = openAi.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        while (!batch.status().equals(Batch.Status.COMPLETED) && !batch.status().equals(Batch.Status.FAILED)) {
            Thread.sleep(100);
            batch = openAi.batches().retrieve(batch.id());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var counts = batch.requestCounts().orElseThrow();
        System.out.printf("| %d | %.1f s | %.0f | %d / %d | %d |%n", concurrency, seconds, lines / seconds,
                counts.completed(), counts.failed(), simulator.peakConcurrentGenerations(model));
    }
}
