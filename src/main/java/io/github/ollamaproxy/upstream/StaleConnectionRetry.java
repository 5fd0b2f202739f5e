package io.github.ollamaproxy.upstream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import io.github.ollamaproxy.web.ClientConnection;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a request once more, at once, when the pooled connection it went out on turns out to have
 * been closed by the upstream (no answer at all, a reset or a broken pipe): what a connection the
 * upstream dropped while it sat idle in the pool does. Pooled connections are only checked after a
 * short inactivity, so this is the safety net for the rest. Any method qualifies, since the upstream
 * never answered; a body that cannot be sent twice (a streamed upload) is not retried (Apache
 * HttpClient checks that), and neither are timeouts, cancelled requests (a client that left), nor
 * an upstream that cannot be reached at all, nor a request cut because its client left. Answers,
 * whatever their status, are never retried.
 */
final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

    StaleConnectionRetry() {
        super(1, TimeValue.ZERO_MILLISECONDS, List.of(InterruptedIOException.class, UnknownHostException.class,
                ConnectException.class, NoRouteToHostException.class, SSLException.class), List.of());
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return !clientLeft(context) && super.retryRequest(request, exception, execCount, context);
    }

    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
        return true;
    }

    /** Whether the request was cut because its client left ({@link ClientGoneAbort}): never sent again. */
    private static boolean clientLeft(HttpContext context) {
        ClientConnection client = ClientGoneAbort.clientOf(context);
        return client != null && client.hasLeft();
    }
}
