package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged proxy started as a separate process on a free port, talking to a given upstream,
 * with the JVM and JVM options of the benchmark's {@code --java} and {@code --jvm}.
 */
final class ProxyProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(90);

    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedNanos;

    private ProxyProcess(Process process, int port, Path log, long launchedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.launchedNanos = launchedNanos;
    }

    /** Starts {@code java -jar} with extra {@code --key=value} settings and waits until {@code /health} answers 200. */
    static ProxyProcess start(BenchArguments arguments, int upstreamPort, String logName, String... settings)
            throws IOException, InterruptedException {
        int port = BenchArguments.freePort();
        Path log = Path.of("target", logName);
        List<String> command = new ArrayList<>();
        command.add(arguments.java());
        command.addAll(arguments.jvmOptions());
        command.addAll(List.of("-jar", arguments.jar().toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + upstreamPort, "--logging.level.root=WARN"));
        command.addAll(List.of(settings));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProxyProcess proxy = new ProxyProcess(process, port, log, launched);
        proxy.awaitAnswer("GET", "/health", null);
        return proxy;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until every kind of route answers 200 (health, pass-through, native and {@code /v1}
     * inference with {@code model}, models, embeddings, optimizer, RAG, plugins, actuator) and
     * returns the milliseconds from launching the process to the last of them.
     */
    long awaitEveryRoute(String model) throws InterruptedException {
        Map<String, String> posts = new LinkedHashMap<>();
        posts.put("/api/chat", "{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        posts.put("/api/generate", "{\"model\":\"" + model + "\",\"stream\":false,\"prompt\":\"hi\"}");
        posts.put("/api/embed", "{\"model\":\"" + model + "\",\"input\":\"hi\"}");
        posts.put("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        posts.put("/v1/embeddings", "{\"model\":\"" + model + "\",\"input\":\"hi\"}");
        for (String path : List.of("/health", "/api/version", "/api/tags", "/v1/models", "/optimizer/templates",
                "/rag/status", "/plugins", "/actuator/health")) {
            awaitAnswer("GET", path, null);
        }
        for (Map.Entry<String, String> post : posts.entrySet()) {
            awaitAnswer("POST", post.getKey(), post.getValue());
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedNanos);
    }

    private void awaitAnswer(String method, String path, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        while (System.nanoTime() - launchedNanos < START_LIMIT_NANOS && process.isAlive()) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(method + " " + path + " never answered 200; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
