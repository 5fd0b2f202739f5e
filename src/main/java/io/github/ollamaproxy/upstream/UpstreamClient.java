package io.github.ollamaproxy.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The proxy's own calls to Ollama (model list, pull, version), made with Camel's HTTP producer so
 * that they share its configuration. Client traffic does not go through here: it flows through the
 * routes.
 *
 * <p>With several Ollama servers, a call whose body names a {@code model} goes to the server the
 * {@link ServerSelector} picks for it, any other call to the first available server; {@link #at}
 * gives a client bound to one server.
 */
@Component
public class UpstreamClient {

    private final ProducerTemplate template;
    private final JsonCodec json;
    private final Function<String, URI> target;

    @Autowired
    public UpstreamClient(ProducerTemplate template, JsonCodec json, OllamaServers servers,
            ObjectProvider<ServerSelector> chooser) {
        this(template, json, model -> (model != null && servers.several() ? chooser.getObject().best(model)
                : servers.firstAvailable()).baseUri());
    }

    /** A client bound to the server at {@code baseUri}. */
    public UpstreamClient(ProducerTemplate template, URI baseUri, JsonCodec json) {
        this(template, json, model -> baseUri);
    }

    private UpstreamClient(ProducerTemplate template, JsonCodec json, Function<String, URI> target) {
        this.template = template;
        this.json = json;
        this.target = target;
    }

    /** A client whose calls all go to {@code server}. */
    public UpstreamClient at(OllamaServer server) {
        return new UpstreamClient(template, server.baseUri(), json);
    }

    /** A new JSON object for a request body. */
    public ObjectNode newObject() {
        return json.newObject();
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
        Exchange result = template.send(endpoint(body, path, ""), exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json.write(body));
        });
        check(result, path);
        for (ObjectNode object : json.readUpstreamLines(result.getMessage().getBody(byte[].class))) {
            if (object.hasNonNull("error")) {
                throw new UpstreamException(200, object.get("error").asText());
            }
            lines.accept(object);
        }
    }

    private ObjectNode call(String method, String path, ObjectNode body, String options) {
        Exchange result = template.send(endpoint(body, path, options), exchange -> {
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

    private String endpoint(ObjectNode body, String path, String options) {
        String model = body != null && body.hasNonNull("model") ? body.get("model").asText() : null;
        return target.apply(model) + path + "?throwExceptionOnFailure=false" + options;
    }
}
