package io.github.ollamaproxy.web;

/**
 * A failure whose HTTP answer the proxy knows: the status, the message for the client and, for
 * OpenAI clients, a code and the offending field. Carries no stack trace.
 */
public class ProxyException extends RuntimeException {

    private final transient ApiError error;

    public ProxyException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** The error as the client will see it. */
    public ApiError error() {
        return error;
    }
}
