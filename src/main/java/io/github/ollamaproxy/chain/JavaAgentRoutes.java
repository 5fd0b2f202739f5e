package io.github.ollamaproxy.chain;

import java.util.Map;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives every Java agent its routes once Camel has started: a Java agent whose request route is
 * not written in a route file gets one from the {@value AgentTemplates#JAVA_AGENT} template with
 * default parameters, and one from {@value AgentTemplates#JAVA_AGENT_RESPONSE} or
 * {@value AgentTemplates#JAVA_AGENT_COMPLETION} for each of those steps it implements.
 */
@Component
public class JavaAgentRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JavaAgentRoutes.class);

    private final AgentRegistry registry;
    private final AgentRouteIndex routes;

    public JavaAgentRoutes(AgentRegistry registry, AgentRouteIndex routes) {
        this.registry = registry;
        this.routes = routes;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        for (Map.Entry<String, Agent> entry : registry.javaAgents().entrySet()) {
            String name = entry.getKey();
            Agent agent = entry.getValue();
            add(camel, name, AgentStep.REQUEST, AgentTemplates.JAVA_AGENT);
            if (implementsStep(agent, "onResponse", LlmRequest.class, LlmResponse.class)) {
                add(camel, name, AgentStep.RESPONSE, AgentTemplates.JAVA_AGENT_RESPONSE);
            }
            if (implementsStep(agent, "onCompletion", LlmRequest.class, Completion.class)) {
                add(camel, name, AgentStep.COMPLETION, AgentTemplates.JAVA_AGENT_COMPLETION);
            }
        }
    }

    private void add(CamelContext camel, String name, AgentStep step, String template) {
        if (routes.route(name, step).isPresent()) {
            return;
        }
        try {
            TemplatedRouteBuilder.builder(camel, template).routeId(step.routeId(name))
                    .parameter(AgentTemplates.AGENT, name).add();
        } catch (RuntimeException e) {
            LOG.error("Agent {}: cannot create its {} route from the template {}: {}", name, step.label(), template,
                    e.getMessage());
        }
    }

    /** Whether the agent's class implements this step rather than inheriting the interface's no-op. */
    static boolean implementsStep(Agent agent, String method, Class<?>... parameters) {
        try {
            return agent.getClass().getMethod(method, parameters).getDeclaringClass() != Agent.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
