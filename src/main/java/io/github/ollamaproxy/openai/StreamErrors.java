package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorBodies;

/** The event that ends an OpenAI stream after a failure: {@code {"error": {…}}}, which SDKs raise. */
final class StreamErrors {

    private final ErrorBodies bodies;

    StreamErrors(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    ObjectNode event(String message) {
        return bodies.openAiError(new ApiError(500, message));
    }
}
