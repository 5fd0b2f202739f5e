package io.github.ollamaproxy.pipeline;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import io.github.ollamaproxy.plugins.AgentMetrics;
import io.github.ollamaproxy.plugins.AgentMetrics.Step;
import io.github.ollamaproxy.plugins.RegisteredAgent;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs agent steps so that a failing agent never fails the request: the failure is logged,
 * counted, reported in the {@code X-Ollama-Proxy-Agent-Failures} response header, and whatever the
 * agent changed is rolled back. The agents that ran are listed in {@code X-Ollama-Proxy-Agents}.
 */
@Component
public class AgentSteps {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSteps.class);

    private final AgentMetrics metrics;

    public AgentSteps(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs one agent's request step. */
    public void runRequest(RegisteredAgent agent, LlmRequest request) {
        ObjectNode before = request.body().deepCopy();
        metrics.recordRun(agent.name());
        appendHeader(request, ProxyHeaders.AGENTS, agent.name());
        try {
            agent.agent().onRequest(request);
        } catch (Exception | LinkageError e) {
            request.body().removeAll();
            request.body().setAll(before);
            failed(agent, Step.REQUEST, request, e);
        }
    }

    /** Runs the response steps, last agent first. */
    public void runResponses(List<RegisteredAgent> plan, LlmRequest request, LlmResponse response) {
        for (int i = plan.size() - 1; i >= 0; i--) {
            RegisteredAgent agent = plan.get(i);
            ObjectNode before = response.body().deepCopy();
            try {
                agent.agent().onResponse(request, response);
            } catch (Exception | LinkageError e) {
                response.body().removeAll();
                response.body().setAll(before);
                failed(agent, Step.RESPONSE, request, e);
            }
        }
    }

    /** Runs the completion steps, last agent first. */
    public void runCompletions(List<RegisteredAgent> plan, LlmRequest request, Completion completion) {
        for (int i = plan.size() - 1; i >= 0; i--) {
            RegisteredAgent agent = plan.get(i);
            try {
                agent.agent().onCompletion(request, completion);
            } catch (Exception | LinkageError e) {
                failed(agent, Step.COMPLETION, request, e);
            }
        }
    }

    private void failed(RegisteredAgent agent, Step step, LlmRequest request, Throwable failure) {
        LOG.warn("Agent {} failed in its {} step and was skipped: {}", agent.name(), step.name().toLowerCase(),
                failure.toString(), failure);
        metrics.recordFailure(agent.name(), step);
        if (step != Step.COMPLETION) {
            appendHeader(request, ProxyHeaders.AGENT_FAILURES, agent.name() + " (" + failure + ")");
        }
    }

    private static void appendHeader(LlmRequest request, String name, String value) {
        String previous = request.responseHeaders().get(name);
        request.putResponseHeader(name, previous == null ? value : previous + ", " + value);
    }
}
