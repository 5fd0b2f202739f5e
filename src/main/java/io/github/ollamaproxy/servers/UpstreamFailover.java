package io.github.ollamaproxy.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.List;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.models.RequestedModel;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.upstream.RoutingProperties;
import io.github.ollamaproxy.upstream.UpstreamException;
import io.github.ollamaproxy.web.ClientConnection;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.ObjectHelper;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code ollama-upstream} that spread requests over the Ollama servers and fail over:
 * {@link #choose} the candidates, {@link #next} server for each attempt, {@link #answered} or
 * {@link #failed} after it, and the {@link #outcome}. A connection error, a timeout or a 5xx answer
 * before any byte reached the client moves the request to the next candidate (all but a 500 also count
 * against the server's circuit breaker); once an answer is
 * relayed nothing switches. A request naming a server in {@code X-Ollama-Proxy-Upstream} goes
 * there only. The server that answered holds the request in its in-flight count until the answer's
 * last byte.
 */
@Component("upstreamFailover")
public class UpstreamFailover {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFailover.class);

    /**
     * Ollama answers 500 for failures of one request (a model that does not fit in memory, a broken
     * model file): failed over, but not held against the server's circuit breaker, unlike 502, 503,
     * 504 and connection failures, which say the server itself is in trouble.
     */
    private static final int SERVER_ERROR_OF_THE_REQUEST = 500;

    /** A 5xx answer larger than this is relayed rather than kept for a later failover. */
    private static final int MAX_SAVED_ANSWER = 1 << 20;

    private final OllamaServers servers;
    private final ServerChooser chooser;
    private final LoadedModels loaded;
    private final RoutingProperties routing;

    public UpstreamFailover(OllamaServers servers, ServerChooser chooser, LoadedModels loaded,
            RoutingProperties routing) {
        this.servers = servers;
        this.chooser = chooser;
        this.loaded = loaded;
        this.routing = routing;
    }

    /** Picks the candidate servers of the request and keeps what is needed to send it again. */
    public void choose(Exchange exchange) {
        Message message = exchange.getMessage();
        String model = RequestedModel.of(exchange);
        String named = message.getHeader(ProxyHeaders.UPSTREAM, String.class);
        ServerChooser.Choice choice;
        if (named != null && !named.isBlank()) {
            choice = new ServerChooser.Choice(List.of(servers.named(named)
                    .orElseThrow(() -> new UnknownUpstreamException(named.strip(), servers.names()))), null);
        } else {
            choice = chooser.reserve(model);
        }
        UpstreamAttempts attempts = new UpstreamAttempts(choice, routing.maxAttempts(), model, message.getHeaders(),
                message.getBody());
        exchange.setVariable(ExchangeVariables.UPSTREAM_ATTEMPTS, attempts);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                finished(attempts);
            }
        });
    }

    /** Points the exchange at the next server; a second attempt gets the request as it was. */
    public void next(Exchange exchange) {
        UpstreamAttempts attempts = attempts(exchange);
        if (attempts.made() > 0) {
            Message message = exchange.getMessage();
            message.setHeaders(new HashMap<>(attempts.requestHeaders()));
            message.setBody(attempts.requestBody());
        }
        OllamaServer server = attempts.begin();
        exchange.setVariable(ExchangeVariables.UPSTREAM_URL, server.baseUri().toString());
    }

    /** The server answered: a 5xx is kept and failed over while another server may be tried. */
    public void answered(Exchange exchange) {
        UpstreamAttempts attempts = attempts(exchange);
        OllamaServer server = attempts.current();
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        if (status < 500) {
            server.succeeded(attempts.elapsedNanos());
            relayFrom(attempts, message, server);
            return;
        }
        if (status == SERVER_ERROR_OF_THE_REQUEST) {
            server.failedRequest("status_" + status);
        } else {
            server.failed(attempts.elapsedNanos(), new UpstreamException(status, server.name() + " answered " + status),
                    "status_" + status);
        }
        if (attempts.moreCandidates() && canSendAgain(exchange, attempts, null)) {
            UpstreamAttempts.SavedAnswer saved = save(message, status);
            if (saved != null) {
                LOG.warn("Ollama server {} answered {}; trying another server", server.name(), status);
                server.leave();
                attempts.failed(saved, true);
                return;
            }
        }
        relayFrom(attempts, message, server);
    }

    /** The call failed before an answer (connection, timeout): counted, and failed over when possible. */
    public void failed(Exchange exchange) {
        UpstreamAttempts attempts = attempts(exchange);
        OllamaServer server = attempts.current();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        server.leave();
        if (clientLeft(exchange)) {
            if (attempts.permitted()) {
                server.released();
            }
            attempts.failed(failure, false);
            return;
        }
        server.failed(attempts.elapsedNanos(), failure, reason(failure));
        boolean again = canSendAgain(exchange, attempts, failure);
        if (again && attempts.moreCandidates()) {
            LOG.warn("Ollama server {} failed ({}); trying another server", server.name(), String.valueOf(failure));
        }
        attempts.failed(failure, again);
    }

    /** After the attempts: the answer stays, a kept 5xx answer is restored, or the last failure is thrown. */
    public void outcome(Exchange exchange) throws Exception {
        UpstreamAttempts attempts = attempts(exchange);
        if (attempts.answered() != null) {
            return;
        }
        Object failure = attempts.lastFailure();
        if (failure instanceof UpstreamAttempts.SavedAnswer saved) {
            Message message = exchange.getMessage();
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, saved.status());
            message.setHeader(Exchange.CONTENT_TYPE, saved.contentType());
            message.setBody(saved.body());
            return;
        }
        throw failure instanceof Exception exception ? exception
                : new UpstreamException(0, "no Ollama server could be called");
    }

    private void relayFrom(UpstreamAttempts attempts, Message message, OllamaServer server) {
        attempts.answeredBy(server);
        if (servers.several()) {
            message.setHeader(ProxyHeaders.UPSTREAM, server.name());
        }
    }

    private void finished(UpstreamAttempts attempts) {
        attempts.withdrawReservation();
        OllamaServer server = attempts.answered();
        if (server == null) {
            return;
        }
        server.leave();
        if (attempts.model() != null && servers.several()) {
            loaded.markLoaded(server, attempts.model());
        }
    }

    private static UpstreamAttempts.SavedAnswer save(Message message, int status) {
        Object body = message.getBody();
        byte[] bytes;
        if (body instanceof InputStream stream) {
            try (stream) {
                bytes = stream.readNBytes(MAX_SAVED_ANSWER + 1);
            } catch (IOException e) {
                bytes = new byte[0];
            }
            if (bytes.length > MAX_SAVED_ANSWER) {
                return null;
            }
        } else {
            bytes = message.getBody(byte[].class);
        }
        return new UpstreamAttempts.SavedAnswer(status, message.getHeader(Exchange.CONTENT_TYPE, String.class),
                bytes == null ? new byte[0] : bytes);
    }

    /**
     * A request can go to another server when its body can be sent again (it is held in memory),
     * or nothing of it was sent (the connection was never made), and its client is still there.
     */
    private static boolean canSendAgain(Exchange exchange, UpstreamAttempts attempts, Exception failure) {
        if (clientLeft(exchange)) {
            return false;
        }
        boolean notSent = causedBy(failure, ConnectException.class) || causedBy(failure, ConnectTimeoutException.class);
        return notSent || !(attempts.requestBody() instanceof InputStream);
    }

    private static boolean clientLeft(Exchange exchange) {
        ClientConnection client = ClientConnection.of(exchange);
        return client != null && client.hasLeft();
    }

    private static String reason(Exception failure) {
        if (causedBy(failure, ConnectException.class)) {
            return "connect";
        }
        if (causedBy(failure, InterruptedIOException.class)) {
            return "timeout";
        }
        return "io";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return ObjectHelper.getException(type, failure) != null;
    }

    private static UpstreamAttempts attempts(Exchange exchange) {
        return exchange.getVariable(ExchangeVariables.UPSTREAM_ATTEMPTS, UpstreamAttempts.class);
    }
}
