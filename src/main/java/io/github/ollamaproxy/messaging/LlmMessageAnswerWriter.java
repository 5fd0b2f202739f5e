package io.github.ollamaproxy.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Last step of {@code direct:llm-message}: the whole answer becomes the message body as JSON text,
 * with the message's own headers back and the agents' report headers added ({@code
 * X-Ollama-Proxy-Agents} as {@code OllamaProxyAgents}). An answer with an
 * error status becomes an {@link LlmMessageFailure}, for the entry point to redeliver or
 * dead-letter.
 */
@Component("writeLlmMessageAnswer")
public class LlmMessageAnswerWriter implements Processor {

    private final JsonCodec json;

    public LlmMessageAnswerWriter(JsonCodec json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        byte[] body = message.getBody(byte[].class);
        if (status / 100 != 2) {
            throw new LlmMessageFailure(new ApiError(status, errorMessage(status, body)));
        }
        Map<String, String> reports = HttpResponses.proxyHeaders(message);
        ArrivedMessage arrived = exchange.getVariable(ExchangeVariables.ARRIVED_MESSAGE, ArrivedMessage.class);
        message.removeHeaders("*");
        if (arrived != null) {
            message.setHeaders(new LinkedHashMap<>(arrived.headers()));
        }
        reports.forEach((name, value) -> message.setHeader(MessageHeaders.forHttpHeader(name), value));
        message.setBody(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        exchange.removeVariable(ExchangeVariables.ARRIVED_MESSAGE);
    }

    private String errorMessage(int status, byte[] body) {
        ObjectNode error = body == null ? null : json.readUpstreamObject(body);
        JsonNode detail = error == null ? null : error.get("error");
        if (detail != null && detail.isTextual()) {
            return detail.asText();
        }
        if (detail != null && detail.hasNonNull("message")) {
            return detail.get("message").asText();
        }
        return "upstream Ollama answered " + status;
    }
}
