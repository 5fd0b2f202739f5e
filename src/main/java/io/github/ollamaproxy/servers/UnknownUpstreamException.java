package io.github.ollamaproxy.servers;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;
import io.github.ollamaproxy.web.ProxyHeaders;

/** The {@code X-Ollama-Proxy-Upstream} header names no configured server; answered with 400. */
public class UnknownUpstreamException extends ProxyException {

    public UnknownUpstreamException(String name, String known) {
        super(new ApiError(400, "unknown Ollama server '" + name + "' in header " + ProxyHeaders.UPSTREAM
                + "; configured servers: " + known, "unknown_upstream", ProxyHeaders.UPSTREAM));
    }
}
