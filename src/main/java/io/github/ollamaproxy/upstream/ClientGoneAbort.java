package io.github.ollamaproxy.upstream;

import java.io.IOException;

import io.github.ollamaproxy.web.ClientConnection;
import io.github.ollamaproxy.web.ClientLeftException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A step of the upstream HTTP client's execution chain: when the client of the request being
 * relayed leaves, the upstream connection is closed at once, whether the proxy is still waiting for
 * the first byte or reading a stream that has gone quiet. Ollama sees the connection close and
 * stops generating. Calls the proxy makes for itself (model list, pull) have no client and are
 * never cut.
 */
final class ClientGoneAbort implements ExecChainHandler {

    /** The context attribute under which camel-http puts the exchange (with an activity listener). */
    static final String EXCHANGE_ATTRIBUTE = "org.apache.camel.Exchange";

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClientConnection client = clientOf(scope.clientContext);
        if (client != null) {
            if (client.hasLeft()) {
                throw new ClientLeftException("the client left before the request was sent upstream", null);
            }
            client.onLeave(scope.execRuntime::discardEndpoint);
        }
        return chain.proceed(request, scope);
    }

    /** The client whose request this upstream call relays, or null for the proxy's own calls. */
    static ClientConnection clientOf(HttpContext context) {
        return context.getAttribute(EXCHANGE_ATTRIBUTE) instanceof Exchange exchange ? ClientConnection.of(exchange)
                : null;
    }
}
