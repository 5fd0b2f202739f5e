package io.github.ollamaproxy.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * First step of the native routes that need the request's content: parses and validates the JSON
 * body (400 for malformed JSON, a non-object, a missing or invalid {@code model}, a field the proxy
 * reads with the wrong type).
 */
@Component("nativeRequests")
public class NativeRequestReader {

    private final JsonCodec json;

    public NativeRequestReader(JsonCodec json) {
        this.json = json;
    }

    /** {@code /api/chat}: the body becomes an {@link LlmRequest} for the agent pipeline. */
    public void chat(Exchange exchange) {
        read(exchange, Endpoint.CHAT);
    }

    /** {@code /api/generate}: the body becomes an {@link LlmRequest} for the agent pipeline. */
    public void generate(Exchange exchange) {
        read(exchange, Endpoint.GENERATE);
    }

    /** Requests forwarded unchanged that need a model check (embed): keeps the body bytes. */
    public void modelOnly(Exchange exchange) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        exchange.setVariable(ExchangeVariables.MODEL, RequestFields.requireModel(json.readObject(bytes)));
        exchange.getMessage().setBody(bytes);
    }

    /**
     * A request about one model (show, push): the model it names ({@code model}, or the older
     * {@code name}) becomes the MODEL variable when there is one; the body goes on unchanged, so
     * that Ollama judges it.
     */
    public void modelIfNamed(Exchange exchange) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        ObjectNode body = bytes == null ? null : json.readUpstreamObject(bytes);
        String model = body == null ? "" : body.path("model").asText(body.path("name").asText(""));
        if (!model.isBlank()) {
            exchange.setVariable(ExchangeVariables.MODEL, model);
        }
        exchange.getMessage().setBody(bytes);
    }

    /** A native embed request that did not come over HTTP (a message): checked, then pointed at {@code /api/embed}. */
    public void embed(Exchange exchange) {
        modelOnly(exchange);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/api/embed");
        message.setHeader(Exchange.CONTENT_TYPE, MediaTypes.JSON);
    }

    private void read(Exchange exchange, Endpoint endpoint) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        ObjectNode body = json.readObject(bytes);
        RequestFields.requireModel(body);
        if (endpoint == Endpoint.CHAT) {
            NativeRequestChecks.chat(body);
        } else {
            NativeRequestChecks.generate(body);
        }
        LlmRequest request = new LlmRequest(endpoint, body);
        exchange.setVariable(ExchangeVariables.REQUEST, request);
        exchange.setVariable(ExchangeVariables.ORIGINAL_BODY, bytes);
        exchange.getMessage().setBody(request);
    }
}
