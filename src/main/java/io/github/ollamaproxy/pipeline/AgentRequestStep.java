package io.github.ollamaproxy.pipeline;

import java.util.List;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.plugins.RegisteredAgent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * One iteration of the agent loop in {@code routes/llm-pipeline.yaml}: runs the request step of
 * the plan's agent at the loop index, unless an earlier agent already answered.
 */
@Component("agentRequestStep")
public class AgentRequestStep implements Processor {

    private final AgentSteps steps;

    public AgentRequestStep(AgentSteps steps) {
        this.steps = steps;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getProperty(ExchangeKeys.REQUEST, LlmRequest.class);
        if (request.answer().isPresent()) {
            return;
        }
        List<RegisteredAgent> plan = exchange.getProperty(ExchangeKeys.AGENT_PLAN, List.class);
        int index = exchange.getProperty(Exchange.LOOP_INDEX, Integer.class);
        steps.runRequest(plan.get(index), request);
    }
}
