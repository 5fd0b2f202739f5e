package io.github.ollamaproxy.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * First step of {@code direct:llm-message}: a request that arrived as a message (a JMS or Kafka
 * message, a file, a batch line) becomes the body of an HTTP request to one of the proxy's
 * endpoints. Its format comes from the {@link MessageHeaders#FORMAT} header, the entry point's
 * {@code format} parameter or the fields ({@link MessageFormat}); a message has no stream to write
 * to, so the answer is always whole ({@code "stream": false}). The message's headers are kept aside
 * ({@link ArrivedMessage}) and only {@link MessageHeaders#AGENTS} goes on, as the agents header;
 * each attempt is counted, for {@link RetryableFailure}.
 */
@Component("readLlmMessage")
public class LlmMessageReader implements Processor {

    private final JsonCodec json;

    public LlmMessageReader(JsonCodec json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        ArrivedMessage arrived = exchange.getVariable(ExchangeVariables.ARRIVED_MESSAGE, ArrivedMessage.class);
        if (arrived == null) {
            arrived = new ArrivedMessage(message.getBody(byte[].class), new LinkedHashMap<>(message.getHeaders()));
            exchange.setVariable(ExchangeVariables.ARRIVED_MESSAGE, arrived);
        }
        ObjectNode request = json.readObject(arrived.body());
        MessageFormat format = MessageFormat.of(formatName(exchange, arrived), request);
        exchange.setVariable(ExchangeVariables.MESSAGE_FORMAT, format.id());
        if (format != MessageFormat.NATIVE_EMBED && format != MessageFormat.OPENAI_EMBEDDINGS) {
            request.put("stream", false);
            request.remove("stream_options");
        }
        exchange.setVariable(ExchangeVariables.MESSAGE_ATTEMPTS,
                exchange.getVariable(ExchangeVariables.MESSAGE_ATTEMPTS, 0, Integer.class) + 1);
        message.removeHeaders("*");
        String agents = text(arrived.headers().get(MessageHeaders.AGENTS));
        if (agents != null) {
            message.setHeader(ProxyHeaders.AGENTS, agents);
        }
        message.setBody(json.write(request));
    }

    private static String formatName(Exchange exchange, ArrivedMessage arrived) {
        String perMessage = text(arrived.headers().get(MessageHeaders.FORMAT));
        return perMessage != null ? perMessage : exchange.getVariable(ExchangeVariables.MESSAGE_FORMAT, String.class);
    }

    /** A header's value as text: JMS properties are strings, Kafka headers bytes. */
    static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
