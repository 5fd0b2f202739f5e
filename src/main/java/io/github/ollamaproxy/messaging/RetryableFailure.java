package io.github.ollamaproxy.messaging;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.ErrorClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Whether an entry point tries a failed request again: while redeliveries are left, for what may
 * pass on its own (Ollama answered 5xx or 429, could not be reached, or did not answer in time),
 * never for what will fail again the same way (bad input, an unknown model, a bug of the proxy).
 */
final class RetryableFailure implements Predicate {

    private final int maxRedeliveries;

    RetryableFailure(int maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    @Override
    public boolean matches(Exchange exchange) {
        int attempts = exchange.getVariable(ExchangeVariables.MESSAGE_ATTEMPTS, 0, Integer.class);
        return attempts <= maxRedeliveries && isRetryable(failure(exchange));
    }

    static boolean isRetryable(Throwable failure) {
        if (failure == null) {
            return false;
        }
        int status = ErrorClassifier.classify(failure).status();
        if (failure instanceof LlmMessageFailure) {
            return status / 100 == 5 || status == 429 || status == 408;
        }
        return status == 502 || status == 503 || status == 504;
    }

    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
