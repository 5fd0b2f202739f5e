package io.github.ollamaproxy.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Renders an {@link ApiError} in the shape of the API that was called: Ollama's
 * {@code {"error": "..."}} or OpenAI's {@code {"error": {"message", "type", "param", "code"}}}.
 */
@Component
public class ErrorBodies {

    private final JsonCodec json;

    public ErrorBodies(JsonCodec json) {
        this.json = json;
    }

    /** The native error object. */
    public ObjectNode nativeError(ApiError error) {
        return json.newObject().put("error", error.message());
    }

    /** The OpenAI error object. */
    public ObjectNode openAiError(ApiError error) {
        ObjectNode body = json.newObject();
        body.putObject("error")
                .put("message", error.message())
                .put("type", openAiType(error.status()))
                .put("param", error.param())
                .put("code", error.code());
        return body;
    }

    public byte[] render(ApiError error, ErrorShape shape) {
        return json.write(shape == ErrorShape.OPENAI ? openAiError(error) : nativeError(error));
    }

    /** Answers a request the proxy refuses before any route sees it, in the shape its path calls for. */
    public void send(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        byte[] body = render(error, ErrorShape.forPath(request.getRequestURI()));
        response.setStatus(error.status());
        response.setContentType(MediaTypes.JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 400, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> "api_error";
        };
    }
}
