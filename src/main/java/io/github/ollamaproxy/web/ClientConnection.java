package io.github.ollamaproxy.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import org.apache.camel.Exchange;

/**
 * Whether the client of one request is still there, and what to do when it leaves: abort the
 * upstream request, so that Ollama stops generating, even while no byte is flowing (a model
 * loading, a long prompt being processed, a stream gone quiet). Created for every request by
 * {@link ClientConnectionFilter}, which learns from the servlet container that the client left.
 */
public final class ClientConnection {

    /** The request attribute that holds it. */
    public static final String ATTRIBUTE = ClientConnection.class.getName();

    /** The header under which Camel's platform-http consumer keeps the servlet request. */
    private static final String SERVLET_REQUEST_HEADER = "CamelHttpServletRequest";

    private final List<Runnable> onLeave = new ArrayList<>();
    private boolean left;

    /**
     * The connection of the HTTP request an exchange serves, if it serves one. Found through the
     * servlet request while the exchange still carries it, and kept in the variable
     * {@value ExchangeVariables#CLIENT_CONNECTION} for after the upstream call replaced the message.
     */
    public static ClientConnection of(Exchange exchange) {
        if (exchange.getVariable(ExchangeVariables.CLIENT_CONNECTION) instanceof ClientConnection known) {
            return known;
        }
        Object request = exchange.getIn().getHeader(SERVLET_REQUEST_HEADER);
        Object connection = request instanceof ServletRequest servlet ? servlet.getAttribute(ATTRIBUTE) : null;
        if (connection instanceof ClientConnection client) {
            exchange.setVariable(ExchangeVariables.CLIENT_CONNECTION, client);
            return client;
        }
        return null;
    }

    /** Runs {@code action} when the client leaves (at once if it already left). */
    public void onLeave(Runnable action) {
        synchronized (onLeave) {
            if (!left) {
                onLeave.add(action);
                return;
            }
        }
        action.run();
    }

    /** The client left: runs the actions, once. */
    public void leave() {
        List<Runnable> actions;
        synchronized (onLeave) {
            if (left) {
                return;
            }
            left = true;
            actions = List.copyOf(onLeave);
            onLeave.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Whether the client left before its answer was complete. */
    public boolean hasLeft() {
        synchronized (onLeave) {
            return left;
        }
    }
}
