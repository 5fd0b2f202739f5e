package io.github.ollamaproxy.chain;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Gives every agent route, Java or YAML, shipped or added, the behaviour of {@link AgentSteps}: a
 * route policy sees each agent step begin and end, rolls back and reports a step that ended with an
 * exception, and clears that exception so that the request goes on without the agent. (An
 * exception handled inside a route called from another would stop the caller too; a route policy
 * is the one place that sees the route end before its caller does.) The endpoint of a route made
 * from a template is read with its parameters filled in.
 */
@Component
public class AgentRoutePolicyFactory implements RoutePolicyFactory {

    private final AgentRoutePolicy policy;

    public AgentRoutePolicyFactory(AgentSteps steps) {
        this.policy = new AgentRoutePolicy(steps);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        if (route instanceof RouteDefinition definition && definition.getInput() != null) {
            String uri = camel.resolvePropertyPlaceholders(definition.getInput().getEndpointUri());
            if (AgentStep.of(uri).isPresent()) {
                return policy;
            }
        }
        return null;
    }

    /** The policy of the agent routes. */
    static final class AgentRoutePolicy extends RoutePolicySupport {

        private final AgentSteps steps;

        AgentRoutePolicy(AgentSteps steps) {
            this.steps = steps;
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            steps.begin(route.getRouteId(), exchange);
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            Throwable failure = exchange.getException();
            if (failure == null) {
                return;
            }
            steps.failed(route.getRouteId(), exchange, failure);
            exchange.setException(null);
            exchange.getExchangeExtension().setErrorHandlerHandled(null);
            exchange.getExchangeExtension().setRedeliveryExhausted(false);
        }
    }
}
