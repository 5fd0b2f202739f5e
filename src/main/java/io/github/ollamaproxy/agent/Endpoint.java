package io.github.ollamaproxy.agent;

/** The native Ollama endpoint a request goes to. */
public enum Endpoint {

    /** {@code POST /api/chat}: a conversation in {@code messages}. */
    CHAT("/api/chat"),

    /** {@code POST /api/generate}: a single {@code prompt}. */
    GENERATE("/api/generate");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The upstream path. */
    public String path() {
        return path;
    }
}
