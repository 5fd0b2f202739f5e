package io.github.ollamaproxy.web;

/**
 * An error as the client will see it, independent of the API's error shape.
 *
 * @param status  HTTP status
 * @param message human-readable message, never a stack trace
 * @param code    machine-readable code (e.g. {@code model_not_found}), or {@code null}
 * @param param   the request field at fault, or {@code null}
 */
public record ApiError(int status, String message, String code, String param) {

    public ApiError(int status, String message) {
        this(status, message, null, null);
    }
}
