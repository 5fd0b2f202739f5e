package io.github.ollamaproxy.web;

/** The client sent a request the proxy cannot accept; answered with 400. */
public class InvalidRequestException extends ProxyException {

    public InvalidRequestException(String message) {
        this(message, null);
    }

    /**
     * @param message what is wrong, for the client
     * @param param   the offending request field, or {@code null}
     */
    public InvalidRequestException(String message, String param) {
        super(new ApiError(400, message, null, param));
    }
}
