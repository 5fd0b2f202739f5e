package io.github.ollamaproxy.pipeline;

import java.io.ByteArrayOutputStream;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.MediaTypes;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Sends an agent's direct answer instead of calling Ollama: one NDJSON line when the client asked
 * for a stream, otherwise one JSON object.
 */
@Component("writeDirectAnswer")
public class DirectAnswerWriter implements Processor {

    private final JsonCodec json;

    public DirectAnswerWriter(JsonCodec json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        byte[] answer = json.write(request.answer().orElseThrow());
        if (request.stream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(answer.length + 1);
            line.writeBytes(answer);
            line.write('\n');
            HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.NDJSON, line.toByteArray(),
                    request.responseHeaders());
        } else {
            HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, answer,
                    request.responseHeaders());
        }
    }
}
