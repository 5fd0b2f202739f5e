package io.github.ollamaproxy.openai;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Points a message at a native endpoint for {@code direct:ollama-upstream}. */
final class UpstreamCall {

    private UpstreamCall() {
    }

    static void prepare(Message message, String method, String path) {
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        message.removeHeader(Exchange.HTTP_QUERY);
        message.removeHeader(Exchange.HTTP_RAW_QUERY);
        if (message.getBody() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }
}
