package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;

/**
 * The hot-path load tool: the same client against the simulator directly and through the packaged
 * proxy started as its own process, in one run: one-client latency percentiles of non-streamed
 * native chat and {@code /v1} chat, then 50 clients for the same and for native streams of 50
 * tokens (requests per second, latency percentiles), then 1000 concurrent long streams, native and
 * {@code /v1} (completion percentiles, the largest gap between two lines), with the time from
 * launching the proxy to every route answering and its peak and idle resident memory and threads. The simulator answers without token delay, so the proxy's own cost shows; its
 * direct figures show it is not the bottleneck (it does not serve {@code /v1}: that row is compared
 * with native chat directly).
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && mvn -q -B exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.bench.GatewayLoad -Dexec.args="--java /path/to/java"}.
 * Options: {@code --seconds} per concurrent run (10), {@code --clients} (50), {@code --streams} (1000),
 * {@code --jvm "-Xmx..."} options of the proxy's JVM, {@code --servers} simulated Ollama servers behind
 * the proxy (1; more are given to it as {@code ollama-proxy.upstreams}, and "direct" stays the first).
 */
public final class GatewayLoad {

    private static final String CHAT = "{\"model\":\"fast\",\"stream\":false,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Why is the sky blue?\"}]}";
    private static final String OPENAI_CHAT = "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Why is the sky blue?\"}]}";
    private static final String STREAM = "{\"model\":\"fast\",\"prompt\":\"go\",\"options\":{\"num_predict\":50}}";
    private static final int LONG_TOKENS = 20;
    private static final String LONG_STREAM = "{\"model\":\"long\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Tell me a story.\"}],\"options\":{\"num_predict\":" + LONG_TOKENS + "}}";
    private static final String OPENAI_LONG_STREAM = "{\"model\":\"long\",\"stream\":true,\"max_tokens\":" + LONG_TOKENS
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}";

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        int seconds = Integer.parseInt(arguments.option("--seconds", "10"));
        int clients = Integer.parseInt(arguments.option("--clients", "50"));
        int streams = Integer.parseInt(arguments.option("--streams", "1000"));
        int servers = Integer.parseInt(arguments.option("--servers", "1"));
        List<OllamaSimulator> behind = new ArrayList<>();
        for (int i = 1; i < servers; i++) {
            behind.add(simulator());
        }
        try (OllamaSimulator simulator = simulator()) {
            String[] upstreams = behind.isEmpty() ? new String[0] : new String[] {"--ollama-proxy.upstreams="
                    + simulator.baseUri() + behind.stream().map(other -> "," + other.baseUri()).collect(Collectors.joining())};
            try (ProxyProcess proxy = ProxyProcess.start(arguments, simulator.port(), "gateway-load-proxy.log", upstreams)) {
                long everyRoute = proxy.awaitEveryRoute("fast");
                ProcessSampler sampler = ProcessSampler.start(proxy.pid());
                Thread.sleep(5_000);
                long idleAfterStart = ProcessSampler.rssMb(proxy.pid());
                System.out.println("proxy: " + arguments.java() + " " + String.join(" ", arguments.jvmOptions())
                        + (servers > 1 ? "; " + servers + " simulated Ollama servers behind it, direct is the first" : ""));
                System.out.printf("start to every route answering: %d ms; RSS 5 s later: %d MB%n", everyRoute,
                        idleAfterStart);
                Target direct = new Target("direct", simulator.port());
                Target proxied = new Target("proxy", proxy.port());
                System.out.println();
                System.out.println("| Run | Target | Requests | Errors | req/s | p50 | p90 | p99 |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                oneClient("native chat, one client", direct, "/api/chat", CHAT);
                oneClient("native chat, one client", proxied, "/api/chat", CHAT);
                oneClient("/v1 chat, one client", proxied, "/v1/chat/completions", OPENAI_CHAT);
                for (Target target : List.of(direct, proxied)) {
                    concurrent("native chat, " + clients + " clients", target, "/api/chat", CHAT, clients, seconds);
                }
                concurrent("/v1 chat, " + clients + " clients", proxied, "/v1/chat/completions", OPENAI_CHAT, clients,
                        seconds);
                for (Target target : List.of(direct, proxied)) {
                    concurrent("native streams of 50 tokens, " + clients + " clients", target, "/api/generate", STREAM,
                            clients, seconds);
                }
                longStreams(simulator.port(), proxy.port(), streams);
                sampler.stop();
                Thread.sleep(10_000);
                System.out.printf("%nProxy: peak RSS %d MB, peak threads %d; RSS 10 s after the load %d MB, threads %d%n",
                        sampler.peakRssMb(), sampler.peakThreads(), ProcessSampler.rssMb(proxy.pid()),
                        ProcessSampler.threads(proxy.pid()));
            }
        }
        behind.forEach(OllamaSimulator::close);
        System.exit(0);
    }

    private static OllamaSimulator simulator() throws IOException {
        OllamaSimulator simulator = OllamaSimulator.start(0, Duration.ZERO);
        simulator.install(SimulatedModel.named("fast").withTokenDelay(Duration.ZERO));
        simulator.install(SimulatedModel.named("long").withTokenDelay(Duration.ofMillis(100)));
        return simulator;
    }

    private static void longStreams(int simulatorPort, int proxyPort, int streams) throws Exception {
        ConcurrentStreams runner = new ConcurrentStreams();
        System.out.println();
        System.out.printf("| %d concurrent streams, %d tokens 100 ms apart | Target | completed | completion p50 | p99 "
                + "| max | largest gap between two lines |%n", streams, LONG_TOKENS);
        System.out.println("|---|---|---|---|---|---|---|");
        printStreams("native chat", "direct", runner.run(simulatorPort, "/api/chat", LONG_STREAM, streams, LONG_TOKENS));
        printStreams("native chat", "proxy", runner.run(proxyPort, "/api/chat", LONG_STREAM, streams, LONG_TOKENS));
        printStreams("/v1 chat", "proxy", runner.run(proxyPort, "/v1/chat/completions", OPENAI_LONG_STREAM, streams,
                LONG_TOKENS));
    }

    private static void printStreams(String run, String target, ConcurrentStreams.Result result) {
        System.out.printf("| %s | %s | %d/%d | %.2f s | %.2f s | %.2f s | %d ms |%s%n", run, target,
                result.completed(), result.streams(), result.completionPercentile(50), result.completionPercentile(99),
                result.completionPercentile(100), result.largestGapMillis(),
                result.completed() == result.streams() ? "" : " failed: " + result.failures());
    }

    private static void oneClient(String run, Target target, String path, String body) throws Exception {
        HttpClient client = client();
        for (int warmup = 0; warmup < 2_000; warmup++) {
            target.send(client, path, body);
        }
        long[] latencies = new long[5_000];
        int errors = 0;
        long start = System.nanoTime();
        for (int i = 0; i < latencies.length; i++) {
            long sent = System.nanoTime();
            errors += target.send(client, path, body) ? 0 : 1;
            latencies[i] = System.nanoTime() - sent;
        }
        print(run, target, latencies, errors, System.nanoTime() - start);
    }

    private static void concurrent(String run, Target target, String path, String body, int clients, int seconds)
            throws Exception {
        HttpClient client = client();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            results.add(threads.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                int errors = 0;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    boolean ok = target.send(client, path, body);
                    if (sent >= warmupEnd) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - sent;
                        errors += ok ? 0 : 1;
                    }
                }
                long[] result = Arrays.copyOf(latencies, count + 1);
                result[count] = errors;
                return result;
            }));
        }
        List<Long> all = new ArrayList<>();
        int errors = 0;
        for (Future<long[]> result : results) {
            long[] values = result.get();
            for (int i = 0; i < values.length - 1; i++) {
                all.add(values[i]);
            }
            errors += (int) values[values.length - 1];
        }
        threads.shutdown();
        print(run, target, all.stream().mapToLong(Long::longValue).toArray(), errors, TimeUnit.SECONDS.toNanos(seconds));
    }

    private static void print(String run, Target target, long[] latencies, int errors, long elapsedNanos) {
        Arrays.sort(latencies);
        System.out.printf("| %s | %s | %d | %d | %.0f | %.2f ms | %.2f ms | %.2f ms |%n", run, target.name(),
                latencies.length, errors, latencies.length / (elapsedNanos / 1e9), percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99));
    }

    private static double percentile(long[] sortedNanos, int percent) {
        return Percentiles.of(sortedNanos, percent, 1e6);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Where requests go. */
    private record Target(String name, int port) {

        /** Sends one request and reads its whole answer; whether it was a 200. */
        boolean send(HttpClient client, String path, String body) {
            try {
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofMinutes(1))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
