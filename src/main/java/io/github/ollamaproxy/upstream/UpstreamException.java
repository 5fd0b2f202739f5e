package io.github.ollamaproxy.upstream;

/** A call the proxy made to Ollama on its own behalf failed. */
public class UpstreamException extends RuntimeException {

    private final int status;

    public UpstreamException(int status, String message) {
        super(message);
        this.status = status;
    }

    public UpstreamException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The upstream HTTP status, 0 when there was no answer, 200 for an error inside a stream. */
    public int status() {
        return status;
    }
}
