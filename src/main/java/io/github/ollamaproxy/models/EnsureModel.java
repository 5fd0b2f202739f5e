package io.github.ollamaproxy.models;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Route step before the upstream call of chat, generate and embed: the model the request names
 * (after the agents ran) must be installed upstream, or is pulled now ({@link ModelCatalog}).
 */
@Component("ensureModel")
public class EnsureModel implements Processor {

    private final ModelCatalog catalog;

    public EnsureModel(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        String model = request != null ? request.model() : exchange.getVariable(ExchangeVariables.MODEL, String.class);
        catalog.ensureAvailable(model);
    }
}
