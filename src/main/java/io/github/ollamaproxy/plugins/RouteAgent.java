package io.github.ollamaproxy.plugins;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * An agent written as YAML routes: {@code direct:agent-<name>} is its request step and receives the
 * {@link LlmRequest} as body (Simple can call its methods, e.g.
 * {@code ${body.addSystemMessage('Be brief.')}}); leaving a text body answers the request with that
 * text. An optional {@code direct:agent-<name>-response} route is its response step and receives
 * the {@link LlmResponse}. The route's {@code description} is the agent's description.
 */
final class RouteAgent implements Agent {

    private final String name;
    private final String description;
    private final ProducerTemplate template;
    private final String requestUri;
    private final String responseUri;

    RouteAgent(String name, String description, ProducerTemplate template, String requestUri, String responseUri) {
        this.name = name;
        this.description = description;
        this.template = template;
        this.requestUri = requestUri;
        this.responseUri = responseUri;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void onRequest(LlmRequest request) throws Exception {
        Exchange result = template.send(requestUri, exchange -> exchange.getMessage().setBody(request));
        rethrow(result);
        Object body = result.getMessage().getBody();
        if (body instanceof CharSequence text) {
            request.answer(text.toString());
        }
    }

    @Override
    public void onResponse(LlmRequest request, LlmResponse response) throws Exception {
        if (responseUri != null) {
            rethrow(template.send(responseUri, exchange -> exchange.getMessage().setBody(response)));
        }
    }

    private static void rethrow(Exchange result) throws Exception {
        if (result.getException() != null) {
            throw result.getException();
        }
    }
}
