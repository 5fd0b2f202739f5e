package io.github.ollamaproxy.agent.example;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import org.springframework.stereotype.Component;

/**
 * {@code /example}: the smallest useful agent, kept as a template. It prefixes the last user
 * message with {@value #REQUEST_PREFIX} and appends {@value #RESPONSE_SUFFIX} to non-streamed
 * answers, so its effect is visible at both ends.
 */
@Component
public class ExampleAgent implements Agent {

    static final String REQUEST_PREFIX = "[Example Agent] ";
    static final String RESPONSE_SUFFIX = " [processed by example agent]";

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String description() {
        return "Marks the last user message and the answer, to show the agent pipeline at work";
    }

    @Override
    public void onRequest(LlmRequest request) {
        if (request.endpoint() == Endpoint.CHAT) {
            request.userText().ifPresent(text -> request.setUserText(REQUEST_PREFIX + text));
        }
    }

    @Override
    public void onResponse(LlmRequest request, LlmResponse response) {
        response.appendText(RESPONSE_SUFFIX);
    }
}
