package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scope each kind of request needs. */
class RequiredScopesTests {

    @ParameterizedTest
    @CsvSource({
            "POST, /api/chat, INFERENCE",
            "POST, /api/generate, INFERENCE",
            "POST, /api/embed, INFERENCE",
            "GET, /api/tags, INFERENCE",
            "POST, /api/show, INFERENCE",
            "POST, /v1/chat/completions, INFERENCE",
            "GET, /v1/models, INFERENCE",
            "POST, /v1/batches, INFERENCE",
            "GET, /optimizer/templates, INFERENCE",
            "GET, /rag/search, INFERENCE",
            "GET, /no/such/path, INFERENCE",
            "POST, /api/pull, ADMIN",
            "POST, /api/push, ADMIN",
            "POST, /api/create, ADMIN",
            "POST, /api/copy, ADMIN",
            "DELETE, /api/delete, ADMIN",
            "POST, /api/blobs/sha256:abc, ADMIN",
            "DELETE, /optimizer/templates, ADMIN",
            "DELETE, /optimizer/templates/t1, ADMIN",
            "POST, /rag/reindex, ADMIN",
            "GET, /actuator/prometheus, ADMIN",
            "GET, /actuator/metrics, ADMIN",
            "GET, /usage, ADMIN",
    })
    void needs(String method, String path, Scope scope) {
        assertThat(RequiredScopes.of(method, path)).isEqualTo(scope);
    }

    @ParameterizedTest
    @CsvSource({"GET, /", "HEAD, /", "GET, /health", "GET, /actuator/health", "GET, /actuator/health/readiness"})
    void open(String method, String path) {
        assertThat(RequiredScopes.of(method, path)).isNull();
    }
}
