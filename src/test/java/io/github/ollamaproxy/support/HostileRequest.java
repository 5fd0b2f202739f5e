package io.github.ollamaproxy.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.web.ErrorShape;

/**
 * One row of a table of hostile requests: what is sent (byte for byte) and how the proxy must
 * refuse it: the status, a JSON error in the called API's shape naming the problem, {@code Allow}
 * where the method was wrong, and nothing of it reaching Ollama. Each request carries a unique
 * marker header, which would be forwarded with it, so the simulator's records show whether it
 * got through.
 */
public final class HostileRequest {

    /** The marker header; forwarded to Ollama like any other client header. */
    public static final String MARKER = "X-Hostile-Case";

    private final String method;
    private final String target;
    private String protocol = "HTTP/1.1";
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean declareLength = true;
    private int status;
    private String messagePart = "";
    private String allow;
    private ErrorShape shape;
    private String label;

    private HostileRequest(String method, String target) {
        this.method = method;
        this.target = target;
        this.shape = ErrorShape.forPath(target);
    }

    public static HostileRequest of(String method, String target) {
        return new HostileRequest(method, target);
    }

    public HostileRequest json(String json) {
        headers.add("Content-Type: application/json");
        return body(json.getBytes(StandardCharsets.UTF_8));
    }

    public HostileRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public HostileRequest header(String line) {
        headers.add(line);
        return this;
    }

    /** Leaves {@code Content-Length} out (the body is framed by a header given with {@link #header}). */
    public HostileRequest framedByHeaders() {
        this.declareLength = false;
        return this;
    }

    public HostileRequest expect(int expectedStatus, String expectedMessagePart) {
        this.status = expectedStatus;
        this.messagePart = expectedMessagePart;
        return this;
    }

    public HostileRequest allow(String expectedAllow) {
        this.allow = expectedAllow;
        return this;
    }

    /** The error shape when it cannot follow from the path (a request line Tomcat could not read has none). */
    public HostileRequest shape(ErrorShape expectedShape) {
        this.shape = expectedShape;
        return this;
    }

    /** The protocol of the request line, {@code HTTP/1.1} unless set. */
    public HostileRequest protocol(String version) {
        this.protocol = version;
        return this;
    }

    public HostileRequest as(String name) {
        this.label = name;
        return this;
    }

    /** Sends the request and checks the refusal. */
    public void assertRefused(RawHttp http, OllamaSimulator ollama) {
        String marker = UUID.randomUUID().toString();

        RawHttp.Answer answer = send(http, marker);

        assertThat(answer.status()).as("status of %s", this).isEqualTo(status);
        assertThat(answer.header("content-type")).as("content type of %s", this).startsWith("application/json");
        JsonNode error = ProxyClient.json(answer.text()).path("error");
        JsonNode message = shape == ErrorShape.OPENAI ? error.path("message") : error;
        assertThat(message.isTextual()).as("%s error shape of %s: %s", shape, this, answer.text()).isTrue();
        assertThat(message.asText()).as("message of %s", this).contains(messagePart);
        if (shape == ErrorShape.OPENAI) {
            assertThat(error.path("type").isTextual()).as("OpenAI error type of %s", this).isTrue();
        }
        if (allow != null) {
            assertThat(answer.header("allow")).as("Allow of %s", this).isEqualTo(allow);
        }
        assertThat(ollama.requests()).as("requests that reached Ollama for %s", this)
                .noneMatch(request -> marker.equals(request.header(MARKER)));
    }

    /** Sends the request and returns the answer, for the control case that must get through. */
    public RawHttp.Answer send(RawHttp http, String marker) {
        StringBuilder head = new StringBuilder(method + " " + target + " " + protocol + "\r\nHost: 127.0.0.1\r\n" + MARKER + ": "
                + marker);
        headers.forEach(line -> head.append("\r\n").append(line));
        if (declareLength && (body.length > 0 || method.equals("POST"))) {
            head.append("\r\nContent-Length: ").append(body.length);
        }
        return http.exchange(head.toString(), body);
    }

    @Override
    public String toString() {
        String shown = target.length() > 60 ? target.substring(0, 60) + "…" : target;
        return label != null ? label : method + " " + shown;
    }
}
