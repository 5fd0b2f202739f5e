package io.github.ollamaproxy.web;

/** Content types the proxy sends. */
public final class MediaTypes {

    /** JSON answers and every error body. */
    public static final String JSON = "application/json; charset=utf-8";

    /** Ollama's streamed answers: one JSON object per line. */
    public static final String NDJSON = "application/x-ndjson";

    private MediaTypes() {
    }
}
