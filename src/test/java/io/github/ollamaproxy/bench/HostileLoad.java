package io.github.ollamaproxy.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.Compression;
import io.github.ollamaproxy.support.RawHttp;

/**
 * The project's load tool for hostile traffic against the packaged proxy with its shipped settings
 * (64 MB body limit): (1) gzip bombs like those of the hardening issue, each several gzip members
 * of 1 GiB of zeros (about 1 MB each), on {@code /api/chat} and {@code /v1/chat/completions},
 * several at a time: their statuses, how long each took, the proxy's resident memory before,
 * at its peak and after; (2) a mix of hostile requests (bad paths, methods, framing, JSON, model
 * names) at a steady concurrency: statuses by class, never a 5xx; (3) a normal chat afterwards.
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && mvn -q -B test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.github.ollamaproxy.bench.HostileLoad
 * -Dexec.args="--java /path/to/java --bombs 24 --members 4 --mix 3000"}. Results go into
 * {@code docs/benchmarks.md}.
 */
public final class HostileLoad {

    private static final int GIB = 1 << 30;
    private static final String CHAT = "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args);
        String java = arguments.java();
        int bombs = Integer.parseInt(arguments.option("--bombs", "24"));
        int members = Integer.parseInt(arguments.option("--members", "4"));
        int mix = Integer.parseInt(arguments.option("--mix", "3000"));
        byte[] bomb = Compression.members(Compression.gzippedZeros(GIB), members);
        try (OllamaSimulator simulator = OllamaSimulator.start(0, Duration.ofMillis(1))) {
            simulator.install(SimulatedModel.named("llama3.2"));
            try (ProxyProcess proxy = ProxyProcess.start(arguments, simulator.port(), "hostile-load-proxy.log")) {
                RawHttp http = new RawHttp(proxy.port());
                for (int i = 0; i < 50; i++) {
                    post(http, "/api/chat", Map.of(), CHAT.getBytes(StandardCharsets.UTF_8));
                }
                Thread.sleep(2000);
                long idleBefore = ProcessSampler.rssMb(proxy.pid());
                System.out.println("proxy JVM: " + java);
                System.out.println();
                bombs(http, proxy.pid(), bomb, bombs, members, idleBefore);
                hostileMix(http, mix);
                RawHttp.Answer after = post(http, "/api/chat", Map.of(), CHAT.getBytes(StandardCharsets.UTF_8));
                System.out.println();
                System.out.println("a normal chat afterwards: " + after.status());
            }
        }
        System.exit(0);
    }

    private static void bombs(RawHttp http, long pid, byte[] bomb, int count, int members, long idleBefore)
            throws Exception {
        ProcessSampler sampler = ProcessSampler.start(pid);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = i % 2 == 0 ? "/api/chat" : "/v1/chat/completions";
            all.add(CompletableFuture.runAsync(() -> {
                long sent = System.nanoTime();
                RawHttp.Answer answer = post(http, path, Map.of("Content-Encoding", "gzip"), bomb);
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                statuses.merge(answer.status(), 1, Integer::sum);
            }, clients));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        clients.shutdown();
        Thread.sleep(5000);
        sampler.stop();
        long after = ProcessSampler.rssMb(pid);
        Collections.sort(millis);
        System.out.printf("| %d gzip bombs (%d × 1 GiB of zeros, %d KB each), 4 at a time | statuses | per bomb p50 / max "
                + "| wall time | RSS before | peak RSS | RSS 5 s after |%n", count, members, bomb.length / 1024);
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf("| /api/chat and /v1/chat/completions | %s | %d / %d ms | %.1f s | %d MB | %d MB | %d MB |%n",
                statuses, millis.get(millis.size() / 2), millis.get(millis.size() - 1), wall / 1000.0, idleBefore,
                sampler.peakRssMb(), after);
    }

    private static void hostileMix(RawHttp http, int count) throws Exception {
        List<String[]> kinds = List.of(
                new String[] {"GET /api/../_test/config HTTP/1.1", ""},
                new String[] {"POST /api/%2e%2e/pull HTTP/1.1", "{}"},
                new String[] {"GET /api/tags;x=1 HTTP/1.1", ""},
                new String[] {"GET /api\\tags HTTP/1.1", ""},
                new String[] {"GET /api/tags%00 HTTP/1.1", ""},
                new String[] {"GET /api/chat HTTP/1.1", ""},
                new String[] {"TRACE /api/tags HTTP/1.1", ""},
                new String[] {"DELETE /v1/chat/completions HTTP/1.1", ""},
                new String[] {"GET /v1/assistants HTTP/1.1", ""},
                new String[] {"POST /api/chat HTTP/1.1", "{\"model\":"},
                new String[] {"POST /api/chat HTTP/1.1", "{\"model\":\"evil.example/m\",\"messages\":[]}"},
                new String[] {"POST /api/generate HTTP/1.1", "{\"model\":\"file:///etc/passwd\",\"prompt\":\"x\"}"},
                new String[] {"POST /v1/chat/completions HTTP/1.1",
                        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":9}"},
                new String[] {"POST /api/chat HTTP/1.1", "[".repeat(2000) + "]".repeat(2000)},
                new String[] {"GET /api/tags?" + "a".repeat(20_000) + " HTTP/1.1", ""});
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] kind = kinds.get(i % kinds.size());
            all.add(CompletableFuture.runAsync(() -> {
                byte[] body = kind[1].getBytes(StandardCharsets.UTF_8);
                String head = kind[0] + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length;
                statuses.merge(http.exchange(head, body).status(), 1, Integer::sum);
            }, clients));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        clients.shutdown();
        System.out.println();
        System.out.printf("| %d hostile requests of %d kinds, 8 at a time | statuses | requests/s |%n", count, kinds.size());
        System.out.println("|---|---|---|");
        System.out.printf("| all refused in the API's shape | %s | %.0f |%n", statuses, count * 1000.0 / wall);
    }

    private static RawHttp.Answer post(RawHttp http, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length);
        headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        return http.exchange(head.toString(), body);
    }
}
