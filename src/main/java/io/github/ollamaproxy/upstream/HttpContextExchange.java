package io.github.ollamaproxy.upstream;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * An HTTP activity listener that does nothing: camel-http puts the exchange into the HTTP client's
 * context only when a listener is set, and {@link ClientGoneAbort} needs it there to find the
 * client of the request.
 */
final class HttpContextExchange implements HttpActivityListener {

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request,
            HttpEntity entity) {
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response,
            HttpEntity entity, long elapsed) {
    }
}
