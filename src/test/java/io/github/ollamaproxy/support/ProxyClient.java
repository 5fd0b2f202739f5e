package io.github.ollamaproxy.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP calls to a running proxy, as any client would make them. */
public final class ProxyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ProxyClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String baseUrl() {
        return base;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> open(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts JSON and reads the streamed answer line by line, stamping each line's arrival. */
    public TimedLines streamLines(String path, String json) {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = open(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        return TimedLines.read(response, start);
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a streamed answer with their arrival times in milliseconds since the request. */
    public record TimedLines(HttpResponse<InputStream> response, List<String> lines, List<Long> arrivalMillis) {

        static TimedLines read(HttpResponse<InputStream> response, long start) {
            List<String> lines = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    times.add((System.nanoTime() - start) / 1_000_000);
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new TimedLines(response, lines, times);
        }

        public JsonNode json(int index) {
            return ProxyClient.json(lines.get(index));
        }

        public JsonNode last() {
            return json(lines.size() - 1);
        }

        public long first() {
            return arrivalMillis.get(0);
        }

        public long lastArrival() {
            return arrivalMillis.get(arrivalMillis.size() - 1);
        }
    }
}
