package io.github.ollamaproxy.pipeline;

import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.chain.AgentPlan;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a finished answer to the agents' completion steps through the {@value #ENDPOINT} queue
 * ({@code routes/llm-pipeline.camel.yaml}), so that a slow step never holds up the end of a
 * response. A full queue drops the completion with a warning rather than blocking the client.
 */
@Component
public class CompletionDispatcher {

    /** The queue of the {@code agent-completions} route. */
    public static final String ENDPOINT = "seda:agent-completions";

    private static final Logger LOG = LoggerFactory.getLogger(CompletionDispatcher.class);

    private final ProducerTemplate template;

    public CompletionDispatcher(ProducerTemplate template) {
        this.template = template;
    }

    public void dispatch(AgentPlan plan, LlmRequest request, Completion completion) {
        if (plan == null || completion == null || plan.getCompletionSteps().isEmpty()) {
            return;
        }
        Exchange sent = template.send(ENDPOINT, exchange -> {
            exchange.setVariable(ExchangeVariables.REQUEST, request);
            exchange.setVariable(ExchangeVariables.AGENTS, plan);
            exchange.setVariable(ExchangeVariables.COMPLETION, completion);
            exchange.getMessage().setBody(completion);
        });
        if (sent.getException() != null) {
            LOG.warn("Completion steps of {} dropped: {}", plan, sent.getException().getMessage());
        }
    }
}
