package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SearxNG-compatible search API on 127.0.0.1 for tests: {@code GET /search?q=…&format=json}
 * answers three results made from the query, or fails as told. Every request's query parameters
 * are recorded. Pages under {@code /page/} answer a small HTML page.
 */
public final class FakeSearchServer implements AutoCloseable {

    /** How the server answers searches. */
    public enum Behaviour {
        /** Three results. */
        ANSWER,
        /** 500 with a text body. */
        FAIL,
        /** An HTML page instead of JSON. */
        NOT_JSON,
        /** Answers after two seconds. */
        SLOW
    }

    private final HttpServer server;
    private final List<Map<String, String>> searches = new CopyOnWriteArrayList<>();
    private final List<String> pageFetches = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;

    public FakeSearchServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/search", this::search);
        server.createContext("/page/", this::page);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-search");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The search URL, e.g. {@code http://127.0.0.1:1234/search}. */
    public String searchUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/search";
    }

    /** The base URL of the result pages. */
    public String pageUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + name;
    }

    public void behave(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    /** The query parameters of every search received, in order. */
    public List<Map<String, String>> searches() {
        return List.copyOf(searches);
    }

    /** The paths of the pages fetched. */
    public List<String> pageFetches() {
        return List.copyOf(pageFetches);
    }

    public void clear() {
        searches.clear();
        pageFetches.clear();
    }

    private void search(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
        searches.add(parameters);
        String query = parameters.getOrDefault("q", "");
        switch (behaviour) {
            case FAIL -> send(exchange, 500, "text/plain", "search engine exploded");
            case NOT_JSON -> send(exchange, 200, "text/html", "<html><body>no json here</body></html>");
            case SLOW -> {
                sleep(2_000);
                send(exchange, 200, "application/json", results(query));
            }
            default -> send(exchange, 200, "application/json", results(query));
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        pageFetches.add(exchange.getRequestURI().getPath());
        send(exchange, 200, "text/html; charset=utf-8", """
                <html><head><title>Fetched page</title></head><body>
                <h1>Fetched page</h1><p>The fetched page explains the zebra migration in detail.</p>
                <p>Unrelated words about cooking and gardens fill this paragraph.</p></body></html>""");
    }

    private String results(String query) {
        String json = query.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                {"query":"%1$s","number_of_results":3,"results":[
                 {"title":"First result for %1$s","url":"%2$s","content":"Snippet one about %1$s.","engine":"fake"},
                 {"title":"Second result","url":"https://example.org/second",
                  "content":"Snippet two about %1$s.","engine":"fake"},
                 {"title":"","url":"https://example.org/untitled","content":"Snippet three.","engine":"fake"},
                 {"title":"No address","url":"","content":"dropped"}]}
                """.formatted(json, pageUrl("first"));
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
