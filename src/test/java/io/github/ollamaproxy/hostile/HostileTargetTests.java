package io.github.ollamaproxy.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.ollamaproxy.support.HostileRequest;
import io.github.ollamaproxy.support.RawHttp;
import io.github.ollamaproxy.web.ErrorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile request targets and methods, sent byte for byte: paths that are not normalised (dot
 * segments, encoded slashes, path parameters, backslashes, NUL, overlong UTF-8), wrong and unknown
 * methods, unknown paths. Each is refused in the called API's shape and never reaches Ollama.
 */
class HostileTargetTests extends HostileRequestTest {

    private static final String DOT_SEGMENTS = "dot segments";
    private static final String PATH_PARAMETERS = "path parameters";
    private static final String EMPTY_SEGMENTS = "empty path segments";
    private static final String ENCODED_SLASH = "encoded slashes";
    private static final String BAD_ENCODING = "invalid percent-encoding";
    private static final String CONTROL = "control characters";
    private static final String BACKSLASH = "backslashes";
    private static final String UNPARSED = "could not be parsed";

    static Stream<HostileRequest> pathsThatAreNotNormalised() {
        return Stream.of(
                get("/api/../_test/config", DOT_SEGMENTS),
                post("/api/../_test/config", DOT_SEGMENTS),
                get("/api/%2e%2e/_test/config", DOT_SEGMENTS),
                get("/api/.%2e/_test/config", DOT_SEGMENTS),
                get("/api/%2E%2E/%2E%2E/etc/passwd", DOT_SEGMENTS),
                get("/api/tags/..", DOT_SEGMENTS),
                get("/api/./tags", DOT_SEGMENTS),
                get("/api/tags/.", DOT_SEGMENTS),
                post("/api/chat/../pull", DOT_SEGMENTS),
                post("/v1/chat/../../api/pull", DOT_SEGMENTS),
                get("/v1/%2e%2e/api/tags", DOT_SEGMENTS),
                get("/v1/models/../../api/tags", DOT_SEGMENTS),
                get("/health/..", DOT_SEGMENTS),
                get("/rag/../api/tags", DOT_SEGMENTS),
                get("/api/%c0%ae%c0%ae/x", BAD_ENCODING),
                get("/api/tags;x=1", PATH_PARAMETERS),
                post("/api/chat;jsessionid=abc", PATH_PARAMETERS),
                get("/api;/tags", PATH_PARAMETERS),
                get("/v1/models;a=b", PATH_PARAMETERS),
                get("/api/tags;", PATH_PARAMETERS),
                get("/api//tags", EMPTY_SEGMENTS),
                get("//api/tags", EMPTY_SEGMENTS),
                post("/v1//chat/completions", EMPTY_SEGMENTS),
                get("/api/%2ftags", ENCODED_SLASH),
                get("/api%2Ftags", ENCODED_SLASH),
                post("/v1/chat%2Fcompletions", ENCODED_SLASH),
                get("/rag%2fsearch?q=x", ENCODED_SLASH),
                get("/api/blobs/sha256:x%2f..%2f..%2fetc", ENCODED_SLASH),
                get("/api/%zz", BAD_ENCODING),
                get("/api/tags%2", BAD_ENCODING),
                get("/api/tags%ff", BAD_ENCODING),
                get("/api/%e0%80%af", BAD_ENCODING),
                get("/api/ta%c0%afgs", BAD_ENCODING),
                get("/v1/models/%c0%af", BAD_ENCODING),
                get("/api/t%0aags", CONTROL),
                get("/api/t%0d%0aX-Injected:%201", CONTROL),
                get("/api/%7f", CONTROL),
                get("/api/tags%00", CONTROL),
                get("/v1/models/x%00", CONTROL),
                get("/api/%5ctags", BACKSLASH),
                get("/api/tags%5C..%5Cx", BACKSLASH),
                get("/api\\tags", UNPARSED).shape(ErrorShape.NATIVE),
                get("/v1\\models", UNPARSED).shape(ErrorShape.NATIVE),
                get("/api/ta\u00e9gs", UNPARSED).shape(ErrorShape.NATIVE),
                get("/api/tags<script>", UNPARSED).shape(ErrorShape.NATIVE),
                get("/api/{tags}", UNPARSED).shape(ErrorShape.NATIVE),
                get("*", "must start with /"),
                get("api/tags", "must start with /"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pathsThatAreNotNormalised(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> wrongMethodsOnOllamasPaths() {
        List<HostileRequest> cases = new ArrayList<>();
        for (String path : List.of("/api/chat", "/api/generate", "/api/embed", "/api/embeddings", "/api/show", "/api/pull",
                "/api/push", "/api/create", "/api/copy")) {
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                cases.add(method(method, path, "OPTIONS, POST"));
            }
        }
        cases.add(method("GET", "/api/chat/", "OPTIONS, POST"));
        for (String method : List.of("POST", "PUT", "DELETE")) {
            cases.add(method(method, "/api/tags", "GET, HEAD, OPTIONS"));
            cases.add(method(method, "/api/version", "GET, HEAD, OPTIONS"));
            cases.add(method(method, "/", "GET, HEAD, OPTIONS"));
        }
        cases.add(method("POST", "/api/ps", "GET, OPTIONS"));
        cases.add(method("GET", "/api/delete", "DELETE, OPTIONS"));
        cases.add(method("POST", "/api/delete", "DELETE, OPTIONS"));
        cases.add(method("GET", "/api/blobs/sha256:29fdb92e57cf0827ded04ae6461b5931d01fa595843f55d36f5b275a52087dd2",
                "HEAD, OPTIONS, POST"));
        cases.add(method("DELETE", "/api/blobs/sha256:29fdb92e57cf0827ded04ae6461b5931d01fa595843f55d36f5b275a52087dd2",
                "HEAD, OPTIONS, POST"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void wrongMethodsOnOllamasPaths(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> methodsNoEndpointTakes() {
        return Stream.of(
                method("TRACE", "/api/tags", "GET, HEAD, OPTIONS"),
                method("TRACE", "/api/chat", "OPTIONS, POST"),
                method("TRACE", "/v1/models", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
                method("TRACE", "/health", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
                method("TRACE", "/api/unknown-endpoint", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
                method("FOO", "/api/tags", "GET, HEAD, OPTIONS"),
                method("PROPFIND", "/api/chat", "OPTIONS, POST"),
                method("MKCOL", "/v1/chat/completions", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
                method("GET", "/v1/chat/completions", "POST"),
                method("PUT", "/v1/chat/completions", "POST"),
                method("DELETE", "/v1/chat/completions", "POST"),
                method("GET", "/v1/completions", "POST"),
                method("GET", "/v1/embeddings", "POST"),
                method("POST", "/v1/models", "GET"),
                method("DELETE", "/v1/models/llama3.2", "GET"),
                method("POST", "/health", null),
                method("DELETE", "/plugins", null),
                method("POST", "/rag/search?q=x", null),
                method("GET", "/rag/reindex", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void methodsNoEndpointTakes(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> pathsNoEndpointServes() {
        return Stream.of(
                HostileRequest.of("GET", "/v1/assistants").expect(404, "no such endpoint"),
                HostileRequest.of("POST", "/v1/responses").json("{}").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/v1").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/metrics").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/.env").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/wp-login.php").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/actuator/env").expect(404, "no such endpoint"),
                HostileRequest.of("GET", "/actuator/heapdump").expect(404, "no such endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void pathsNoEndpointServes(HostileRequest request) {
        assertRefused(request);
    }

    @Test
    void aCorsPreflightIsRefusedUntilCrossOriginRequestsAreEnabled() {
        assertRefused(HostileRequest.of("OPTIONS", "/v1/chat/completions").header("Origin: http://evil.example")
                .header("Access-Control-Request-Method: POST").expect(403, "cross-origin"));
        assertRefused(HostileRequest.of("OPTIONS", "/api/chat").header("Origin: http://localhost:3000")
                .header("Access-Control-Request-Method: POST").expect(403, "cross-origin"));
    }

    @Test
    void optionsOnAnOllamaPathListsItsMethodsWithoutAskingOllama() {
        String marker = UUID.randomUUID().toString();

        RawHttp.Answer answer = HostileRequest.of("OPTIONS", "/api/chat").send(http, marker);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("allow")).isEqualTo("OPTIONS, POST");
        assertThat(SIMULATOR.requests()).noneMatch(request -> marker.equals(request.header(HostileRequest.MARKER)));
    }

    @Test
    void theMarkerOfARequestThatGetsThroughIsSeenByOllama() {
        String marker = UUID.randomUUID().toString();

        RawHttp.Answer tags = HostileRequest.of("GET", "/api/tags").send(http, marker);
        RawHttp.Answer chat = HostileRequest.of("POST", "/api/chat")
                .json("{\"model\":\"" + MODEL + "\",\"stream\":false,\"messages\":[]}").send(http, marker);

        assertThat(tags.status()).isEqualTo(200);
        assertThat(chat.status()).isEqualTo(200);
        assertThat(SIMULATOR.requests()).filteredOn(request -> marker.equals(request.header(HostileRequest.MARKER)))
                .extracting(request -> request.path()).contains("/api/tags", "/api/chat");
    }

    @Test
    void anUnknownPathUnderApiIsForwardedAndOllamasTextErrorComesBackAsJson() {
        String marker = UUID.randomUUID().toString();

        RawHttp.Answer answer = HostileRequest.of("GET", "/api/not-an-endpoint").send(http, marker);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(answer.text()).isEqualTo("{\"error\":\"404 page not found\"}");
        assertThat(SIMULATOR.requests()).anyMatch(request -> marker.equals(request.header(HostileRequest.MARKER)));
    }

    private static HostileRequest get(String target, String message) {
        return HostileRequest.of("GET", target).expect(400, message);
    }

    private static HostileRequest post(String target, String message) {
        return HostileRequest.of("POST", target).json("{\"model\":\"" + MODEL + "\"}").expect(400, message);
    }

    private static HostileRequest method(String method, String path, String allow) {
        HostileRequest request = HostileRequest.of(method, path).expect(405, "method " + method + " is not allowed on ");
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            request.json("{\"model\":\"" + MODEL + "\"}");
        }
        return allow == null ? request : request.allow(allow);
    }
}
