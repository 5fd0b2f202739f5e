package io.github.ollamaproxy.web;

/** Which API's error shape a client expects, decided by the path it called. */
public enum ErrorShape {

    /** Ollama's {@code {"error": "..."}}. */
    NATIVE,

    /** OpenAI's {@code {"error": {"message", "type", "param", "code"}}}, for {@code /v1/} paths. */
    OPENAI;

    /** The shape clients of this request path expect. */
    public static ErrorShape forPath(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/")) ? OPENAI : NATIVE;
    }
}
