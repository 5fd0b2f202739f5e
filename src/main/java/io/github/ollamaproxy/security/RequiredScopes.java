package io.github.ollamaproxy.security;

import java.util.Set;

/**
 * Which scope a request needs, from its method and path; {@code null} for the few paths anyone may
 * call (Ollama's {@code /} liveness answer, {@code /health} and the actuator's health probes).
 * Anything not named as admin work needs {@link Scope#INFERENCE}.
 */
public final class RequiredScopes {

    private static final Set<String> ADMIN_MODEL_PATHS = Set.of(
            "/api/pull", "/api/push", "/api/create", "/api/copy", "/api/delete");

    private RequiredScopes() {
    }

    public static Scope of(String method, String path) {
        if (path.equals("/") || path.equals("/health") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")) {
            return null;
        }
        if (ADMIN_MODEL_PATHS.contains(path) || path.startsWith("/api/blobs/") || path.startsWith("/actuator")
                || path.equals("/usage")) {
            return Scope.ADMIN;
        }
        if ("DELETE".equals(method) && path.startsWith("/optimizer/templates")) {
            return Scope.ADMIN;
        }
        if ("POST".equals(method) && path.equals("/rag/reindex")) {
            return Scope.ADMIN;
        }
        return Scope.INFERENCE;
    }
}
