package io.github.ollamaproxy.messaging;

import java.nio.charset.StandardCharsets;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.ErrorClassifier;
import io.github.ollamaproxy.web.ErrorShape;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to a message an entry point gives up on (route {@code llm-message-failed}): it goes
 * to the dead-letter destination as it arrived, with the error in headers, and whoever waits for an
 * answer (a JMS requester) gets the error in the called API's shape instead of nothing.
 */
@Component("llmMessageFailures")
public class LlmMessageFailures {

    private static final Logger LOG = LoggerFactory.getLogger(LlmMessageFailures.class);

    private final ErrorBodies bodies;
    private final MessageMetrics metrics;

    public LlmMessageFailures(ErrorBodies bodies, MessageMetrics metrics) {
        this.bodies = bodies;
        this.metrics = metrics;
    }

    /** Adds the error to the message as it arrived, for the dead-letter destination. */
    public void describe(Exchange exchange) {
        ApiError error = error(exchange);
        Message message = exchange.getMessage();
        message.setHeader(MessageHeaders.ERROR, error.message());
        message.setHeader(MessageHeaders.ERROR_STATUS, String.valueOf(error.status()));
        message.setHeader(MessageHeaders.FAILED_ROUTE, exchange.getFromRouteId());
        metrics.deadLettered(exchange.getFromRouteId());
        String deadLetter = exchange.getVariable(ExchangeVariables.DEAD_LETTER, String.class);
        LOG.warn("Route {}: a request failed{}: {} {}", exchange.getFromRouteId(),
                deadLetter == null ? "" : " and goes to " + deadLetter, error.status(), error.message());
    }

    /** The error as the answer: JSON in the shape of the API the request was written for. */
    public void answer(Exchange exchange) {
        String format = exchange.getVariable(ExchangeVariables.MESSAGE_FORMAT, String.class);
        ErrorShape shape = format != null && format.startsWith("native") ? ErrorShape.NATIVE : ErrorShape.OPENAI;
        exchange.getMessage().setBody(new String(bodies.render(error(exchange), shape), StandardCharsets.UTF_8));
    }

    private static ApiError error(Exchange exchange) {
        return ErrorClassifier.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }
}
