package io.github.ollamaproxy.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets up a message as an HTTP response written by the proxy itself, not relayed from upstream. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** The {@code X-Ollama-Proxy-*} headers already on the message (e.g. set by agents). */
    public static Map<String, String> proxyHeaders(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.regionMatches(true, 0, ProxyHeaders.PREFIX, 0, ProxyHeaders.PREFIX.length()) && value != null) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }

    /**
     * Replaces the message with a response: all request headers are dropped so none is echoed back.
     *
     * @param headers extra response headers (e.g. agent reports)
     */
    public static void respond(Message message, int status, String contentType, Object body,
            Map<String, String> headers) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(message::setHeader);
        message.setBody(body);
    }
}
