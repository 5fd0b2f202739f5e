package io.github.ollamaproxy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;

/**
 * The project's load tool for streaming: starts the simulator in this JVM and the packaged proxy
 * as a separate process, then measures (1) when the first and last line of one streamed answer
 * arrive, directly and through the proxy, and (2) many concurrent streams: first-byte latency,
 * completions, wall time, and the proxy process's peak threads and resident memory.
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && mvn -q -B exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.bench.StreamLoad -Dexec.args="--java /path/to/java"}.
 * Results go into {@code docs/benchmarks.md}.
 */
public final class StreamLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newCachedThreadPool()).build();

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        String java = arguments.java();
        int streams = Integer.parseInt(arguments.option("--streams", "500"));
        try (OllamaSimulator simulator = OllamaSimulator.start(0, Duration.ofMillis(100))) {
            simulator.install(SimulatedModel.named("bench").withTokenDelay(Duration.ofMillis(100)));
            simulator.install(SimulatedModel.named("load").withTokenDelay(Duration.ofMillis(200)));
            try (ProxyProcess proxy = ProxyProcess.start(arguments, simulator.port(), "stream-load-proxy.log")) {
                System.out.println("proxy JVM: " + java);
                singleStream(simulator.port(), proxy.port());
                concurrentStreams(simulator.port(), proxy.port(), proxy.pid(), streams);
            }
        }
        System.exit(0);
    }

    private static void singleStream(int simulatorPort, int proxyPort) throws Exception {
        String body = "{\"model\":\"bench\",\"prompt\":\"count\",\"options\":{\"num_predict\":10}}";
        for (int warmup = 0; warmup < 5; warmup++) {
            stream(proxyPort, body);
        }
        List<long[]> direct = new ArrayList<>();
        List<long[]> proxied = new ArrayList<>();
        for (int run = 0; run < 10; run++) {
            direct.add(stream(simulatorPort, body));
            proxied.add(stream(proxyPort, body));
        }
        System.out.println();
        System.out.println("| One stream, 10 tokens 100 ms apart (median of 10) | first line | last line |");
        System.out.println("|---|---|---|");
        System.out.printf("| directly from the simulator | %d ms | %d ms |%n", median(direct, 0), median(direct, 1));
        System.out.printf("| through the proxy | %d ms | %d ms |%n", median(proxied, 0), median(proxied, 1));
    }

    private static void concurrentStreams(int simulatorPort, int proxyPort, long pid, int streams) throws Exception {
        String body = "{\"model\":\"load\",\"prompt\":\"go\",\"options\":{\"num_predict\":25}}";
        System.out.println();
        System.out.printf("| %d concurrent streams, 25 tokens 200 ms apart | completed | first byte p50 | first byte p90 "
                + "| wall time | peak threads | peak RSS |%n", streams);
        System.out.println("|---|---|---|---|---|---|---|");
        for (String target : List.of("direct", "proxy (first run)", "proxy (second run)")) {
            int port = target.equals("direct") ? simulatorPort : proxyPort;
            ProcessSampler sampler = target.startsWith("proxy") ? ProcessSampler.start(pid) : null;
            List<Long> firstBytes = Collections.synchronizedList(new ArrayList<>());
            AtomicLong completed = new AtomicLong();
            long start = System.nanoTime();
            ExecutorService readers = Executors.newFixedThreadPool(streams);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                all.add(CompletableFuture.runAsync(() -> {
                    long[] times = stream(port, body);
                    if (times[2] == 26) {
                        firstBytes.add(times[0]);
                        completed.incrementAndGet();
                    }
                }, readers));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            long wall = (System.nanoTime() - start) / 1_000_000;
            readers.shutdown();
            Collections.sort(firstBytes);
            String peaks = "| – | – |";
            if (sampler != null) {
                sampler.stop();
                peaks = String.format("| %d | %d MB |", sampler.peakThreads(), sampler.peakRssMb());
            }
            System.out.printf("| %s | %d/%d | %d ms | %d ms | %.2f s %s%n", target, completed.get(), streams,
                    percentile(firstBytes, 50), percentile(firstBytes, 90), wall / 1000.0, peaks);
        }
    }

    /** Streams one answer; returns {first line ms, last line ms, line count}. */
    private static long[] stream(int port, String body) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/generate")).timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            long first = -1;
            long last = -1;
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                while (reader.readLine() != null) {
                    last = (System.nanoTime() - start) / 1_000_000;
                    if (first < 0) {
                        first = last;
                    }
                    lines++;
                }
            }
            return new long[] {first, last, lines};
        } catch (IOException e) {
            return new long[] {-1, -1, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, -1, 0};
        }
    }

    private static long median(List<long[]> runs, int index) {
        List<Long> values = new ArrayList<>(runs.stream().map(run -> run[index]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
