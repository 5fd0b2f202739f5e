package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;

/**
 * Measures what a client sees while the packaged proxy starts: the proxy is started with
 * {@code java -jar} in an empty temporary folder (no routes folder, no knowledge base), and a
 * client asks {@code POST /v1/chat/completions} every 5 ms from the moment the process is launched.
 * Reports when the port opened, when the first answer came, how many requests were refused with
 * 503 in between and how many got anything else (404 must never happen), and how long that first
 * answer took.
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && mvn -q -B test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.github.ollamaproxy.bench.StartupTime
 * -Dexec.args="--java /path/to/java --runs 5"} ({@code --jar} measures another build). Results go
 * into {@code docs/benchmarks.md}.
 */
public final class StartupTime {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200)).build();

    /** One start: milliseconds from launch, and what the client got. */
    record Run(long portOpen, long firstAnswer, long firstAnswerTook, int refused, int other) {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        String java = arguments.java();
        int runs = Integer.parseInt(arguments.option("--runs", "5"));
        Path jar = arguments.jar();
        List<Run> results = new ArrayList<>();
        try (OllamaSimulator simulator = OllamaSimulator.start(0, Duration.ofMillis(1))) {
            simulator.install(SimulatedModel.named("llama3.2"));
            for (int i = 0; i < runs; i++) {
                results.add(start(java, jar, simulator.port()));
            }
        }
        System.out.println("proxy JVM: " + java);
        System.out.println();
        System.out.println("| run | port open | first answer | first answer took | 503 before it | other answers before it |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 0; i < results.size(); i++) {
            Run run = results.get(i);
            System.out.printf("| %d | %d ms | %d ms | %d ms | %d | %d |%n", i + 1, run.portOpen(), run.firstAnswer(),
                    run.firstAnswerTook(), run.refused(), run.other());
        }
        System.exit(0);
    }

    private static Run start(String java, Path jar, int upstreamPort) throws Exception {
        Path folder = Files.createTempDirectory("proxy-start");
        int port = BenchArguments.freePort();
        long launched = System.nanoTime();
        Process proxy = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + upstreamPort)
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("proxy.log").toFile()).start();
        try {
            long portOpen = -1;
            int refused = 0;
            int other = 0;
            long deadline = launched + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && proxy.isAlive()) {
                long sent = System.nanoTime();
                HttpResponse<String> response = chat(port);
                long now = System.nanoTime();
                if (response != null && portOpen < 0) {
                    portOpen = millis(launched, sent);
                }
                if (response == null) {
                    Thread.sleep(5);
                } else if (response.statusCode() == 200) {
                    return new Run(portOpen, millis(launched, now), millis(sent, now), refused, other);
                } else if (response.statusCode() == 503) {
                    refused++;
                    Thread.sleep(5);
                } else {
                    other++;
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException("no answer within 60 s; see " + folder.resolve("proxy.log"));
        } finally {
            proxy.destroy();
            proxy.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> chat(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
