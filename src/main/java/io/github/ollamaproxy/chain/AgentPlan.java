package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.github.ollamaproxy.agent.LlmRequest;

/**
 * The agents chosen for one request, in the Camel variable {@code agents}: the routing slips of
 * {@code routes/llm-pipeline.camel.yaml} are its {@link #getRequestSteps() request},
 * {@link #getResponseSteps() response} and {@link #getCompletionSteps() completion} steps.
 *
 * <p>Agents are added in the order they were asked for (slash commands, the agents header,
 * configuration, agents that run by themselves, then content-based rules in YAML). When the
 * request steps are first read, the agents whose conditions do not hold for the request (model,
 * endpoint) are left out and the others are sorted by position, ties keeping the order they were
 * asked for; response and completion steps run in the reverse order, like nested filters.
 */
public final class AgentPlan {

    private final LlmRequest request;
    private final AgentRegistry registry;
    private final Map<String, RegisteredAgent> chosen = new LinkedHashMap<>();
    private List<RegisteredAgent> running;

    public AgentPlan(LlmRequest request, AgentRegistry registry) {
        this.request = request;
        this.registry = registry;
    }

    /**
     * Adds an agent by name (case-insensitive), e.g. from a rule in YAML:
     * {@code ${variable.agents.add('opt')}}; an agent already chosen stays where it is.
     *
     * @return whether an agent of that name exists and can run
     */
    public boolean add(String name) {
        return registry.find(name).filter(RegisteredAgent::isLoaded).map(this::add).isPresent();
    }

    boolean add(RegisteredAgent agent) {
        if (running != null) {
            throw new IllegalStateException("agent " + agent.name() + " added after the agents started running");
        }
        chosen.putIfAbsent(agent.name(), agent);
        return true;
    }

    /**
     * The names of the agents chosen so far, in the order they were asked for, e.g. for a rule:
     * {@code ${variable.agents.names.contains('rag')}}.
     */
    public List<String> getNames() {
        return List.copyOf(chosen.keySet());
    }

    /**
     * The endpoints of the request steps to run, by position; the sequence ends as soon as an agent
     * answered the request itself.
     */
    public Iterable<String> getRequestSteps() {
        List<RegisteredAgent> agents = running();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < agents.size() && !request.isAnswered();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return AgentStep.REQUEST.endpoint(agents.get(next++).name());
            }
        };
    }

    /** The endpoints of the response steps, last agent first. */
    public List<String> getResponseSteps() {
        return reversed(AgentStep.RESPONSE);
    }

    /** The endpoints of the completion steps, last agent first. */
    public List<String> getCompletionSteps() {
        return reversed(AgentStep.COMPLETION);
    }

    /** Whether an agent will see the answer (in its response or completion step). */
    public boolean observesAnswers() {
        return running().stream().anyMatch(agent -> agent.hasResponse() || agent.hasCompletion());
    }

    private List<String> reversed(AgentStep step) {
        List<String> steps = new ArrayList<>();
        for (RegisteredAgent agent : running()) {
            if (step == AgentStep.RESPONSE ? agent.hasResponse() : agent.hasCompletion()) {
                steps.add(step.endpoint(agent.name()));
            }
        }
        Collections.reverse(steps);
        return steps;
    }

    private synchronized List<RegisteredAgent> running() {
        if (running == null) {
            List<RegisteredAgent> agents = new ArrayList<>();
            for (RegisteredAgent agent : chosen.values()) {
                if (agent.conditions().appliesTo(request)) {
                    agents.add(agent);
                }
            }
            agents.sort(Comparator.comparingInt(RegisteredAgent::position));
            running = List.copyOf(agents);
        }
        return running;
    }

    @Override
    public String toString() {
        return "agents " + chosen.keySet();
    }
}
