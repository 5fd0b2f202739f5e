package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged proxy started as a separate process on a free port, talking to a given upstream. */
final class ProxyProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ProxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code java -jar} with extra {@code --key=value} settings and waits until {@code /health} answers 200. */
    static ProxyProcess start(String java, Path jar, int upstreamPort, String logName, String... settings)
            throws IOException, InterruptedException {
        int port = BenchArguments.freePort();
        Path log = Path.of("target", logName);
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--server.port=" + port,
                "--server.address=127.0.0.1", "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + upstreamPort, "--logging.level.root=WARN"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProxyProcess proxy = new ProxyProcess(process, port, log);
        proxy.awaitHealthy();
        return proxy;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    private void awaitHealthy() throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("proxy did not become healthy; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
