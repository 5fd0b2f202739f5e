package io.github.ollamaproxy.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Turns the exception a route caught into the error response of the API that was called; used by
 * the {@code onException} clauses of the route configurations in {@code routes/errors.yaml}.
 */
@Component
public class ErrorResponder {

    /** The status of a request whose client left (nginx's convention); nobody receives it. */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final int TOO_MANY_REQUESTS = 429;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final ErrorBodies bodies;

    public ErrorResponder(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    /** Answers in Ollama's shape. */
    public void nativeShape(Exchange exchange) {
        respond(exchange, ErrorShape.NATIVE);
    }

    /** Answers in OpenAI's shape. */
    public void openAiShape(Exchange exchange) {
        respond(exchange, ErrorShape.OPENAI);
    }

    private void respond(Exchange exchange, ErrorShape shape) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ClientConnection client = ClientConnection.of(exchange);
        if (client != null && client.hasLeft()) {
            LOG.debug("Route {}: the client left; the upstream request was aborted ({})", exchange.getFromRouteId(),
                    String.valueOf(failure));
            HttpResponses.respond(exchange.getMessage(), CLIENT_CLOSED_REQUEST, MediaTypes.JSON,
                    bodies.render(new ApiError(CLIENT_CLOSED_REQUEST, "the client closed the request"), shape), Map.of());
            return;
        }
        ApiError error = ErrorClassifier.classify(failure);
        log(exchange, error, failure);
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        Map<String, String> headers = new LinkedHashMap<>(request == null ? Map.of() : request.responseHeaders());
        if (error.status() == TOO_MANY_REQUESTS) {
            headers.put(HttpHeaders.RETRY_AFTER, String.valueOf(exchange.getVariable(ExchangeVariables.RETRY_AFTER, 1L, Long.class)));
        }
        HttpResponses.respond(exchange.getMessage(), error.status(), MediaTypes.JSON,
                bodies.render(error, shape), headers);
    }

    private static void log(Exchange exchange, ApiError error, Throwable failure) {
        String route = exchange.getFromRouteId();
        if (error.status() == 500) {
            LOG.error("Route {} failed", route, failure);
        } else if (error.status() >= 500) {
            LOG.warn("Route {}: {} {}", route, error.status(), error.message());
        } else {
            LOG.debug("Route {}: {} {}", route, error.status(), error.message());
        }
    }
}
