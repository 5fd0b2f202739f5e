package io.github.ollamaproxy.chain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The steps of Java agents, as the agent route templates call them. A request step with a time
 * limit runs on a copy of the request, on another thread; its changes are taken over only when it
 * ends in time, so an agent still running after its limit can never change a request that has
 * moved on. Agent code that throws an {@link Error} such as a {@link LinkageError} (a plugin jar
 * built against other libraries) fails like any exception.
 */
@Component("javaAgents")
public class JavaAgents {

    private final AgentRegistry registry;
    private final TaskExecutor executor;

    public JavaAgents(AgentRegistry registry, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    /**
     * Runs the request step of the agent {@code name}, unless an earlier agent answered the request.
     *
     * @param timeoutMillis its time limit, 0 or less for none
     * @throws AgentTimeoutException when it does not end in time
     */
    public void request(String name, LlmRequest request, long timeoutMillis) throws Exception {
        if (request.isAnswered()) {
            return;
        }
        Agent agent = agent(name);
        if (timeoutMillis <= 0) {
            guarded(() -> agent.onRequest(request));
            return;
        }
        LlmRequest copy = request.snapshot();
        CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
            try {
                guarded(() -> agent.onRequest(copy));
            } catch (Exception e) {
                throw new StepFailure(e);
            }
        }, executor::execute);
        try {
            step.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            step.cancel(false);
            throw new AgentTimeoutException(timeoutMillis);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StepFailure failure ? failure.getCause() : e;
        }
        request.restore(copy);
    }

    /** Runs the response step of the agent {@code name}. */
    public void response(String name, LlmRequest request, LlmResponse response) throws Exception {
        Agent agent = agent(name);
        guarded(() -> agent.onResponse(request, response));
    }

    /** Runs the completion step of the agent {@code name}. */
    public void completion(String name, LlmRequest request, Completion completion) throws Exception {
        Agent agent = agent(name);
        guarded(() -> agent.onCompletion(request, completion));
    }

    private Agent agent(String name) {
        return registry.javaAgent(name).orElseThrow(() -> new IllegalStateException("no Java agent " + name));
    }

    private static void guarded(Step step) throws Exception {
        try {
            step.run();
        } catch (Error e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /** One agent step. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Carries what a step threw out of the thread it ran on. */
    private static final class StepFailure extends RuntimeException {
        StepFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
