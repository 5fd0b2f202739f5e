package io.github.ollamaproxy.pipeline;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Turns the {@link LlmRequest} back into the HTTP request for Ollama: the client's bytes unchanged
 * when no agent ran and no command was stripped (the variable {@code originalBody} is still there),
 * otherwise the (changed) JSON tree, with every field the client sent.
 */
@Component("writeUpstreamRequest")
public class UpstreamRequestWriter implements Processor {

    private final JsonCodec json;

    public UpstreamRequestWriter(JsonCodec json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        byte[] original = exchange.getVariable(ExchangeVariables.ORIGINAL_BODY, byte[].class);
        Message message = exchange.getMessage();
        message.setBody(original != null ? original : json.write(request.body()));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, request.endpoint().path());
        message.removeHeader(Exchange.HTTP_QUERY);
        message.removeHeader(Exchange.HTTP_RAW_QUERY);
    }
}
