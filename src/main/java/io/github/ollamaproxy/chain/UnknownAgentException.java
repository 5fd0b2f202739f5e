package io.github.ollamaproxy.chain;

import java.util.Collection;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;
import io.github.ollamaproxy.web.ProxyHeaders;

/** The agents header names an agent that does not exist; answered with 400. */
public class UnknownAgentException extends ProxyException {

    public UnknownAgentException(String name, Collection<String> available) {
        super(new ApiError(400, "unknown agent '" + name + "' in header " + ProxyHeaders.AGENTS
                + "; available agents: " + String.join(", ", available), "unknown_agent", ProxyHeaders.AGENTS));
    }
}
