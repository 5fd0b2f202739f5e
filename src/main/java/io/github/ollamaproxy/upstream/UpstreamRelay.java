package io.github.ollamaproxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ClientConnection;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.ErrorShape;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Prepares an upstream answer for relaying to the client unchanged: wraps the body in a
 * {@link RelayInputStream} (abort on client disconnect, error line on a broken NDJSON stream).
 * The one change: an error answered in plain text or HTML (Ollama's {@code 404 page not found}
 * for a path it does not know, a reverse proxy's error page) becomes Ollama's
 * {@code {"error": "..."}} with the same status, since Ollama's clients read errors only from
 * JSON.
 */
@Component("relayUpstream")
public class UpstreamRelay {

    /** How much of a text error is kept as its message. */
    private static final int MAX_ERROR_TEXT = 1000;

    private final ErrorBodies errors;

    public UpstreamRelay(ErrorBodies errors) {
        this.errors = errors;
    }

    /** Readies the answer for an unchanged relay. */
    public void relay(Exchange exchange) {
        prepare(exchange.getMessage(), null);
    }

    /** Readies the answer, letting {@code observer} watch NDJSON lines. */
    public void prepare(Message message, RelayInputStream.LineObserver observer) {
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        boolean head = "HEAD".equals(message.getHeader(Exchange.HTTP_METHOD, String.class));
        if (status >= 400 && !head && !isJson(message) && message.getBody() instanceof InputStream body) {
            answerAsJson(message, status, body);
        } else if (message.getBody() instanceof InputStream body) {
            boolean ndjson = isNdjson(message);
            message.setBody(new RelayInputStream(body, ndjson, ndjson ? observer : null,
                    ClientConnection.of(message.getExchange())));
        }
    }

    private void answerAsJson(Message message, int status, InputStream body) {
        String text;
        try (body) {
            text = new String(body.readNBytes(MAX_ERROR_TEXT * 4), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            text = "";
        }
        if (text.isEmpty() || text.startsWith("<")) {
            HttpStatus known = HttpStatus.resolve(status);
            text = "upstream answered " + status + (known == null ? "" : " " + known.getReasonPhrase());
        } else if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "…";
        }
        HttpResponses.respond(message, status, MediaTypes.JSON,
                errors.render(new ApiError(status, text), ErrorShape.NATIVE), HttpResponses.proxyHeaders(message));
    }

    public static boolean isNdjson(Message message) {
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        return contentType != null && contentType.startsWith(MediaTypes.NDJSON);
    }

    private static boolean isJson(Message message) {
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
