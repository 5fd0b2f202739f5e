package io.github.ollamaproxy.models;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;

/** The model a request names: its {@link LlmRequest}'s (after the agents ran), else the MODEL variable. */
public final class RequestedModel {

    private RequestedModel() {
    }

    /** The model, or {@code null} when the request names none. */
    public static String of(Exchange exchange) {
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        return request != null ? request.model() : exchange.getVariable(ExchangeVariables.MODEL, String.class);
    }
}
