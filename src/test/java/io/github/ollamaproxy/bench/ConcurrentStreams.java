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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many long streams at once, each read line by line on its own thread: when each completed
 * (from its own request) and the largest gap between two of its lines. A stream counts as
 * completed when it delivered at least the expected number of non-empty lines with status 200.
 */
final class ConcurrentStreams {

    /** What one run of concurrent streams gave. */
    record Result(int streams, int completed, long[] completionMillis, long largestGapMillis, String failures) {

        double completionPercentile(int percent) {
            long[] sorted = completionMillis.clone();
            Arrays.sort(sorted);
            return Percentiles.of(sorted, percent, 1000.0);
        }
    }

    private final HttpClient client;

    ConcurrentStreams() {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newCachedThreadPool()).build();
    }

    /** Opens {@code streams} streams of {@code body} to {@code port + path} at once and waits for all of them. */
    Result run(int port, String path, String body, int streams, int expectedLines) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(streams);
        CountDownLatch ready = new CountDownLatch(streams);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            results.add(readers.submit(() -> {
                ready.countDown();
                go.await();
                return stream(port, path, body);
            }));
        }
        ready.await();
        go.countDown();
        List<Long> completions = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        long largestGap = 0;
        for (Future<long[]> result : results) {
            long[] stream = result.get();
            if (stream[0] >= expectedLines) {
                completions.add(stream[1]);
                largestGap = Math.max(largestGap, stream[2]);
            } else {
                failures.merge(stream[3] > 0 ? "status " + stream[3] : stream[3] < 0 ? "I/O error" : stream[0]
                        + " lines", 1, Integer::sum);
            }
        }
        readers.shutdown();
        return new Result(streams, completions.size(), completions.stream().mapToLong(Long::longValue).toArray(),
                largestGap, failures.toString());
    }

    /**
     * Streams one answer: {non-empty lines, milliseconds to the last one, largest gap between two
     * lines, status when not 200 (-1 for an I/O error)}.
     */
    private long[] stream(int port, String path, String body) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + path)).timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            long previous = -1;
            long largestGap = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    long now = System.nanoTime();
                    if (previous >= 0) {
                        largestGap = Math.max(largestGap, now - previous);
                    }
                    previous = now;
                    lines++;
                }
            }
            if (response.statusCode() != 200) {
                return new long[] {0, 0, 0, response.statusCode()};
            }
            return new long[] {lines, (previous - start) / 1_000_000, largestGap / 1_000_000, 0};
        } catch (IOException e) {
            return new long[] {0, 0, 0, -1};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {0, 0, 0, -1};
        }
    }
}
