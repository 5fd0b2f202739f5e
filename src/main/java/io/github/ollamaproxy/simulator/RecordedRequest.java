package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request as the simulator received it.
 *
 * @param method   HTTP method
 * @param path     request path
 * @param query    raw query string, or {@code null}
 * @param headers  request headers, names in lower case
 * @param body     the body bytes (for blob uploads only their count is kept, as {@code bodySize})
 * @param bodySize number of body bytes received
 * @param receivedAt when the request line and headers arrived (before a blob body is read)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        byte[] body, long bodySize, Instant receivedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** First value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
