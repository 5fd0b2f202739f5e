package io.github.ollamaproxy.web;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Decides which message headers reach the client as HTTP response headers: an allow-list, so that
 * no request header (credentials included) is ever echoed back and no upstream hop-by-hop header
 * leaks through. Request headers coming in are filtered as Camel's HTTP filter does.
 */
public final class ClientHeaderFilterStrategy extends HttpHeaderFilterStrategy {

    private static final Set<String> RESPONSE_HEADERS = Set.of(
            "content-type", "content-disposition", "content-language", "location", "retry-after",
            "etag", "last-modified", "www-authenticate", "cache-control", "x-accel-buffering");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerName == null || headerValue == null) {
            return true;
        }
        String name = headerName.toLowerCase(Locale.ROOT);
        return !(RESPONSE_HEADERS.contains(name) || name.startsWith(ProxyHeaders.PREFIX_LOWER_CASE));
    }
}
