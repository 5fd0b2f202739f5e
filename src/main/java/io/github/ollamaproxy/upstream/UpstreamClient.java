package io.github.ollamaproxy.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The proxy's own calls to Ollama (model list, pull, version), made with Camel's HTTP producer so
 * that they share its configuration. Client traffic does not go through here: it flows through the
 * routes.
 */
@Component
public class UpstreamClient {

    private final ProducerTemplate template;
    private final JsonCodec json;
    private final String baseUrl;

    public UpstreamClient(ProducerTemplate template, UpstreamProperties upstream, JsonCodec json) {
        this.template = template;
        this.json = json;
        this.baseUrl = upstream.baseUri().toString();
    }

    /** A new JSON object for a request body. */
    public ObjectNode newObject() {
        return json.newObject();
    }

    /** The base URL of the upstream, e.g. {@code http://localhost:11434}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET path} with the default timeouts; the answer must be a 2xx JSON object. */
    public ObjectNode get(String path) {
        return call("GET", path, null, "");
    }

    /** {@code GET path} that gives up after {@code timeout} (connect and answer). */
    public ObjectNode get(String path, Duration timeout) {
        return call("GET", path, null, timeouts(timeout));
    }

    /** {@code POST path} with a JSON body; the answer must be a 2xx JSON object. */
    public ObjectNode post(String path, ObjectNode body) {
        return call("POST", path, body, "");
    }

    /** {@code POST path} that gives up after {@code timeout} (connect and answer). */
    public ObjectNode post(String path, ObjectNode body, Duration timeout) {
        return call("POST", path, body, timeouts(timeout));
    }

    /**
     * {@code POST path} whose answer is an NDJSON stream (pull, push, create): reads it to its end,
     * so the read timeout applies between lines, not to the whole operation.
     *
     * @throws UpstreamException for an error status or an {@code {"error": …}} line
     */
    public void postNdjson(String path, ObjectNode body, Consumer<ObjectNode> lines) {
        Exchange result = template.send(endpoint(path, ""), exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json.write(body));
        });
        check(result, path);
        String text = result.getMessage().getBody(String.class);
        for (String line : text == null ? new String[0] : text.split("\n")) {
            ObjectNode object = line.isBlank() ? null : json.readUpstreamObject(line.getBytes(StandardCharsets.UTF_8));
            if (object == null) {
                continue;
            }
            if (object.hasNonNull("error")) {
                throw new UpstreamException(200, object.get("error").asText());
            }
            lines.accept(object);
        }
    }

    private ObjectNode call(String method, String path, ObjectNode body, String options) {
        Exchange result = template.send(endpoint(path, options), exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            if (body != null) {
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setBody(json.write(body));
            }
        });
        check(result, path);
        byte[] bytes = result.getMessage().getBody(byte[].class);
        ObjectNode answer = bytes == null ? null : json.readUpstreamObject(bytes);
        if (answer == null) {
            throw new UpstreamException(200, path + " did not answer with a JSON object");
        }
        return answer;
    }

    private void check(Exchange result, String path) {
        if (result.getException() != null) {
            throw new UpstreamException(0, path + " failed: " + result.getException().getMessage(),
                    result.getException());
        }
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status / 100 != 2) {
            byte[] bytes = result.getMessage().getBody(byte[].class);
            ObjectNode error = bytes == null ? null : json.readUpstreamObject(bytes);
            String message = error != null && error.hasNonNull("error") ? error.get("error").asText()
                    : path + " answered " + status;
            throw new UpstreamException(status, message);
        }
    }

    private static String timeouts(Duration timeout) {
        long millis = timeout.toMillis();
        return "&connectTimeout=" + millis + "&responseTimeout=" + millis + "&soTimeout=" + millis;
    }

    private String endpoint(String path, String options) {
        return baseUrl + path + "?throwExceptionOnFailure=false" + options;
    }
}
