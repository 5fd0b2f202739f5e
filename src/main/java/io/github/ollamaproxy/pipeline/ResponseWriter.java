package io.github.ollamaproxy.pipeline;

import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import io.github.ollamaproxy.chain.AgentPlan;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Writes a whole answer after the agents' response steps changed it, with the agents' response
 * headers, and hands it to their completion steps.
 */
@Component("writeResponse")
public class ResponseWriter implements Processor {

    private final JsonCodec json;
    private final CompletionDispatcher completions;

    public ResponseWriter(JsonCodec json, CompletionDispatcher completions) {
        this.json = json;
        this.completions = completions;
    }

    @Override
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        LlmResponse response = exchange.getVariable(ExchangeVariables.RESPONSE, LlmResponse.class);
        Message message = exchange.getMessage();
        message.setBody(json.write(response.body()));
        message.setHeader(Exchange.CONTENT_TYPE, MediaTypes.JSON);
        request.responseHeaders().forEach(message::setHeader);
        completions.dispatch(exchange.getVariable(ExchangeVariables.AGENTS, AgentPlan.class), request,
                exchange.getVariable(ExchangeVariables.COMPLETION, Completion.class));
    }
}
