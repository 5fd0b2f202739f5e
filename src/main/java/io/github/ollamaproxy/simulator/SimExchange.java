package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** One simulator request with helpers to answer it the way Ollama does. */
final class SimExchange {

    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String NDJSON_TYPE = "application/x-ndjson";

    private final HttpExchange http;
    private final RecordedRequest request;
    private final byte[] body;
    private final ObjectMapper json;

    /**
     * @param body the whole body, which the record may leave out when it is large
     */
    SimExchange(HttpExchange http, RecordedRequest request, byte[] body, ObjectMapper json) {
        this.http = http;
        this.request = request;
        this.body = body;
        this.json = json;
    }

    RecordedRequest request() {
        return request;
    }

    HttpExchange http() {
        return http;
    }

    ObjectNode newObject() {
        return json.createObjectNode();
    }

    /** The body as a JSON object; Ollama's 400 answers for an empty or malformed body. */
    ObjectNode body() {
        if (body.length == 0) {
            throw new SimulatorError(400, "missing request body");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new SimulatorError(400, "json: cannot unmarshal into Go value of type api.Request");
        } catch (JsonProcessingException e) {
            throw new SimulatorError(400, "invalid character in request body");
        } catch (IOException e) {
            throw new SimulatorError(400, "unreadable request body");
        }
    }

    void sendJson(int status, JsonNode body) throws IOException {
        send(status, JSON_TYPE, json.writeValueAsBytes(body));
    }

    void sendError(int status, String message) throws IOException {
        sendJson(status, newObject().put("error", message));
    }

    void sendText(int status, String text) throws IOException {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    void sendEmpty(int status) throws IOException {
        http.sendResponseHeaders(status, -1);
        http.close();
    }

    private void send(int status, String contentType, byte[] bytes) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(request.method())) {
            http.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            http.sendResponseHeaders(status, -1);
        } else {
            http.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
        http.close();
    }

    /** Starts a chunked NDJSON answer. */
    LineStream openStream() throws IOException {
        http.getResponseHeaders().set("Content-Type", NDJSON_TYPE);
        http.sendResponseHeaders(200, 0);
        return new LineStream(http.getResponseBody());
    }

    /** Thrown to make the HTTP server drop the connection mid-body. */
    static final class SimulatedDisconnect extends RuntimeException {
        SimulatedDisconnect() {
            super("simulated disconnect", null, false, false);
        }
    }

    /** A chunked NDJSON body written one flushed line at a time. */
    final class LineStream {

        private final OutputStream out;
        private int linesSent;

        private LineStream(OutputStream out) {
            this.out = out;
        }

        void writeLine(JsonNode line) throws IOException {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
            out.flush();
            linesSent++;
        }

        int linesSent() {
            return linesSent;
        }

        void finish() throws IOException {
            out.close();
            http.close();
        }

        /**
         * Drops the connection without the final chunk, as a crashed server would: the HTTP server
         * closes the socket when a handler fails.
         */
        void abort() throws IOException {
            out.flush();
            throw new SimulatedDisconnect();
        }
    }
}
