package io.github.ollamaproxy.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what no route answers (an unknown path, a method a route does not take, a request the
 * servlet container refused, a body it could not read, such as a broken chunked encoding) in the
 * shape of the API that was called, instead of Spring's default
 * error body: OpenAI's error object under {@code /v1/}, Ollama's {@code {"error": "..."}} elsewhere.
 */
@RestController
public class ApiErrorController implements ErrorController {

    private final ErrorBodies errors;

    public ApiErrorController(ErrorBodies errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri
                : request.getRequestURI();
        ApiError error = describe(status, request.getMethod(), path, request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(errors.render(error, ErrorShape.forPath(path)));
    }

    private static ApiError describe(int status, String method, String path, Object exception) {
        if (status == 400 && exception instanceof IOException unreadable) {
            return new ApiError(400, "the request body could not be read: " + unreadable.getMessage(), "invalid_body", null);
        }
        return switch (status) {
            case 404 -> new ApiError(404, "no such endpoint: " + method + " " + path, "unknown_url", null);
            case 405 -> new ApiError(405, "method " + method + " is not allowed on " + path, "method_not_allowed", null);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield new ApiError(status, known == null ? "error " + status : known.getReasonPhrase().toLowerCase(),
                        status == 500 ? "internal_error" : null, null);
            }
        };
    }
}
