package io.github.ollamaproxy.web;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets up a message as an HTTP response written by the proxy itself, not relayed from upstream. */
public final class HttpResponses {

    private HttpResponses() {
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
