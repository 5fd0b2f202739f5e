package io.github.ollamaproxy.models;

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
        catalog.ensureAvailable(RequestedModel.of(exchange));
    }
}
