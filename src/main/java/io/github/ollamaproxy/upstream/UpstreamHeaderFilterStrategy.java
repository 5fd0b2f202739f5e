package io.github.ollamaproxy.upstream;

import java.util.List;
import java.util.Locale;

import io.github.ollamaproxy.security.ApiKeyFilter;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Decides which message headers travel to Ollama as HTTP request headers.
 *
 * <p>On top of Camel's HTTP filter (Camel-internal, {@code Host}, {@code Content-Length},
 * {@code Connection} and the other generic headers) it drops the hop-by-hop headers, the client's
 * credentials ({@code Authorization}, {@code X-API-Key}, {@code Proxy-Authorization}, {@code Cookie}), content
 * negotiation the proxy handles itself ({@code Accept-Encoding}, {@code Content-Encoding} of a body
 * the proxy already decoded, {@code Expect}) and the proxy's own
 * {@code X-Ollama-Proxy-*} control headers. The upstream {@code Host} is set by the HTTP client from
 * the configured upstream URL, never taken from the request.
 */
public final class UpstreamHeaderFilterStrategy extends HttpHeaderFilterStrategy {

    private static final List<String> NOT_FORWARDED = List.of(
            "authorization", ApiKeyFilter.API_KEY_HEADER.toLowerCase(Locale.ROOT), "proxy-authorization", "proxy-authenticate", "proxy-connection", "cookie",
            "keep-alive", "te", "accept-encoding", "content-encoding", "expect", "forwarded", "x-forwarded-for",
            "x-forwarded-host", "x-forwarded-proto");

    public UpstreamHeaderFilterStrategy() {
        getOutFilter().addAll(NOT_FORWARDED);
        setOutFilterStartsWith("Camel", "camel", "org.apache.camel.", ProxyHeaders.PREFIX_LOWER_CASE);
    }
}
