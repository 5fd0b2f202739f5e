package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which raw request paths may be routed: normalised ones, in every spelling clients really use. */
class RequestTargetsTests {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/chat", "/api/chat/", "/v1/models/team%2Fcoder%3A7b", "/v1/models/team/coder:7b",
            "/api/blobs/sha256:29fdb92e57cf0827ded04ae6461b5931d01fa595843f55d36f5b275a52087dd2",
            "/optimizer/templates/42", "/rag/search", "/api/%C3%A9t%C3%A9", "/api/a%20b", "/api/.well-known",
            "/api/..x", "/api/x.."})
    void normalisedPathsPass(String path) {
        assertThat(RequestTargets.problem(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/../x | dot segments",
            "/api/%2E%2e/x | dot segments",
            "/api/. | dot segments",
            "/api;x/tags | path parameters",
            "/api//tags | empty path segments",
            "/api/%2Ftags | encoded slashes",
            "/v1/chat%2fcompletions | encoded slashes",
            "/api/%c0%af | invalid percent-encoding",
            "/api/%ed%a0%80 | invalid percent-encoding",
            "/api/%f8%88%80%80%80 | invalid percent-encoding",
            "/api/%g0 | invalid percent-encoding",
            "/api/%4 | invalid percent-encoding",
            "/api/%09 | control characters",
            "/api/%5C | backslashes",
            "api | must start with /"})
    void everyOtherPathIsRefusedWithItsReason(String path, String reason) {
        assertThat(RequestTargets.problem(path)).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
    }
}
