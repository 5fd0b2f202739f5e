package io.github.ollamaproxy.pipeline;

import java.util.List;

import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.plugins.RegisteredAgent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs agents' completion steps off the request thread, so that a slow step never holds up the end
 * of a response.
 */
@Component
public class CompletionDispatcher {

    private final AgentSteps steps;
    private final TaskExecutor executor;

    public CompletionDispatcher(AgentSteps steps, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.steps = steps;
        this.executor = executor;
    }

    public void dispatch(List<RegisteredAgent> plan, LlmRequest request, Completion completion) {
        if (!plan.isEmpty()) {
            executor.execute(() -> steps.runCompletions(plan, request, completion));
        }
    }
}
