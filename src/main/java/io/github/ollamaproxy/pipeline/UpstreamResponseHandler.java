package io.github.ollamaproxy.pipeline;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import io.github.ollamaproxy.plugins.RegisteredAgent;
import io.github.ollamaproxy.upstream.UpstreamRelay;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Hands Ollama's answer to the agents and on to the client.
 * <ul>
 *   <li>Without agents, or an error status: relayed unchanged.</li>
 *   <li>Streamed (NDJSON): relayed line by line as it arrives; the agents' completion steps run
 *       after the end with the whole text and the final metrics line.</li>
 *   <li>Whole JSON answer: the agents' response steps may change it, then completion steps run.</li>
 * </ul>
 * Agent response headers are added in every case.
 */
@Component("handleUpstreamResponse")
public class UpstreamResponseHandler implements Processor {

    private final JsonCodec json;
    private final AgentSteps steps;
    private final CompletionDispatcher completions;

    public UpstreamResponseHandler(JsonCodec json, AgentSteps steps, CompletionDispatcher completions) {
        this.json = json;
        this.steps = steps;
        this.completions = completions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        LlmRequest request = exchange.getProperty(ExchangeKeys.REQUEST, LlmRequest.class);
        List<RegisteredAgent> plan = exchange.getProperty(ExchangeKeys.AGENT_PLAN, List.of(), List.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        if (plan.isEmpty() || status / 100 != 2) {
            UpstreamRelay.wrap(message, null);
        } else if (UpstreamRelay.isNdjson(message)) {
            UpstreamRelay.wrap(message, new CompletionCollector(json, completions, plan, request));
        } else {
            byte[] bytes = message.getBody(byte[].class);
            ObjectNode answer = bytes == null ? null : json.readUpstreamObject(bytes);
            if (answer != null) {
                LlmResponse response = new LlmResponse(request.endpoint(), answer);
                String modelText = response.text();
                ObjectNode metrics = answer.deepCopy();
                steps.runResponses(plan, request, response);
                completions.dispatch(plan, request, new Completion(modelText, metrics, false));
                bytes = json.write(answer);
            }
            message.setBody(bytes);
        }
        request.responseHeaders().forEach(message::setHeader);
    }
}
