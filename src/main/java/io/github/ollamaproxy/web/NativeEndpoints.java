package io.github.ollamaproxy.web;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The methods Ollama serves on each of its known paths (its route table), so that a wrong method
 * is answered 405 with {@code Allow} by the proxy instead of being forwarded. Paths under
 * {@code /api/} that are not listed are forwarded whatever the method: newer Ollama versions add
 * endpoints.
 */
public final class NativeEndpoints {

    private static final String BLOBS = "/api/blobs/";

    private static final Set<String> GET_HEAD = Set.of("GET", "HEAD");
    private static final Set<String> POST = Set.of("POST");

    private static final Map<String, Set<String>> METHODS = Map.ofEntries(
            Map.entry("/", GET_HEAD),
            Map.entry("/api/version", GET_HEAD),
            Map.entry("/api/tags", GET_HEAD),
            Map.entry("/api/status", Set.of("GET")),
            Map.entry("/api/ps", Set.of("GET")),
            Map.entry("/api/generate", POST),
            Map.entry("/api/chat", POST),
            Map.entry("/api/embed", POST),
            Map.entry("/api/embeddings", POST),
            Map.entry("/api/show", POST),
            Map.entry("/api/pull", POST),
            Map.entry("/api/push", POST),
            Map.entry("/api/create", POST),
            Map.entry("/api/copy", POST),
            Map.entry("/api/delete", Set.of("DELETE")));

    private static final Set<String> BLOB_METHODS = Set.of("HEAD", "POST");

    private NativeEndpoints() {
    }

    /** The methods Ollama serves on this path (a trailing slash ignored), or empty when the path is not a known one. */
    public static Optional<Set<String>> methods(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (normalized.startsWith(BLOBS) && normalized.length() > BLOBS.length()) {
            return Optional.of(BLOB_METHODS);
        }
        return Optional.ofNullable(METHODS.get(normalized));
    }
}
