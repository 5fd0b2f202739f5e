package io.github.ollamaproxy.upstream;

import java.io.InputStream;

import io.github.ollamaproxy.web.ClientConnection;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Prepares an upstream answer for relaying to the client unchanged: wraps the body in a
 * {@link RelayInputStream} (abort on client disconnect, error line on a broken NDJSON stream).
 */
@Component("relayUpstream")
public class UpstreamRelay {

    /** Wraps the body for an unchanged relay. */
    public void relay(Exchange exchange) {
        wrap(exchange.getMessage(), null);
    }

    /** Wraps the body, letting {@code observer} watch NDJSON lines. */
    public static void wrap(Message message, RelayInputStream.LineObserver observer) {
        if (message.getBody() instanceof InputStream body) {
            boolean ndjson = isNdjson(message);
            message.setBody(new RelayInputStream(body, ndjson, ndjson ? observer : null,
                    ClientConnection.of(message.getExchange())));
        }
    }

    public static boolean isNdjson(Message message) {
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        return contentType != null && contentType.startsWith(MediaTypes.NDJSON);
    }
}
