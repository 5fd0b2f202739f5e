package io.github.ollamaproxy.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import io.github.ollamaproxy.chain.AgentPlan;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.upstream.RelayInputStream;
import io.github.ollamaproxy.upstream.UpstreamRelay;
import io.github.ollamaproxy.usage.UsageTaps;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads Ollama's answer for the agents:
 * <ul>
 *   <li>an error status, or no agent that sees answers: relayed unchanged;</li>
 *   <li>a stream (NDJSON): relayed line by line as it arrives, with a tap that hands the whole
 *       text and the final metrics to the agents' completion steps after the end;</li>
 *   <li>a whole JSON answer: becomes the variable {@code response} (an {@link LlmResponse}) for
 *       the agents' response steps, and {@code completion} for their completion steps.</li>
 * </ul>
 * Agent response headers are added in every case.
 */
@Component("readUpstreamAnswer")
public class UpstreamAnswerReader implements Processor {

    private final JsonCodec json;
    private final CompletionDispatcher completions;
    private final UpstreamRelay relay;
    private final UsageTaps usage;

    public UpstreamAnswerReader(JsonCodec json, CompletionDispatcher completions, UpstreamRelay relay, UsageTaps usage) {
        this.json = json;
        this.completions = completions;
        this.relay = relay;
        this.usage = usage;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        AgentPlan plan = exchange.getVariable(ExchangeVariables.AGENTS, AgentPlan.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        UsageTaps.Usage used = usage.begin(exchange, status);
        boolean agentsSeeAnswer = plan != null && plan.observesAnswers();
        if (status / 100 != 2 || (!agentsSeeAnswer && used == null)) {
            relay.prepare(message, null);
        } else if (UpstreamRelay.isNdjson(message)) {
            relay.prepare(message, RelayInputStream.LineObserver.both(
                    agentsSeeAnswer && !plan.getCompletionSteps().isEmpty()
                            ? new CompletionCollector(json, completions, plan, request) : null, used));
        } else {
            byte[] bytes = message.getBody(byte[].class);
            ObjectNode answer = bytes == null ? null : json.readUpstreamObject(bytes);
            if (answer != null && used != null) {
                used.answered(answer);
            }
            if (answer == null || !agentsSeeAnswer) {
                message.setBody(bytes);
            } else {
                LlmResponse response = new LlmResponse(request.endpoint(), answer);
                exchange.setVariable(ExchangeVariables.RESPONSE, response);
                exchange.setVariable(ExchangeVariables.COMPLETION, new Completion(response.text(), answer.deepCopy(),
                        false));
                message.setBody(response);
            }
        }
        request.responseHeaders().forEach(message::setHeader);
    }
}
