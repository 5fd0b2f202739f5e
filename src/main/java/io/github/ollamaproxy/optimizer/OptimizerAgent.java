package io.github.ollamaproxy.optimizer;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import org.springframework.stereotype.Component;

/**
 * {@code /opt}: sets {@code options.num_ctx} to what requests like this one have needed, and
 * learns from every answer ({@link PromptOptimizer}). It runs after the other agents (its position
 * is in {@code routes/agents/opt.camel.yaml}), so it sizes the prompt Ollama will really get; with {@code ollama-proxy.optimizer.auto} (or
 * {@code auto-models}) it runs on every request.
 */
@Component
public class OptimizerAgent implements Agent {

    private final PromptOptimizer optimizer;

    public OptimizerAgent(PromptOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Override
    public String name() {
        return "opt";
    }

    @Override
    public String description() {
        return "Sets the context window (num_ctx) to what this prompt template has needed, learning from every answer";
    }

    @Override
    public boolean isAutomatic(LlmRequest request) {
        return optimizer.isAutomatic(request);
    }

    @Override
    public void onRequest(LlmRequest request) {
        optimizer.onRequest(request);
    }

    @Override
    public void onCompletion(LlmRequest request, Completion completion) {
        optimizer.onCompletion(request, completion);
    }
}
