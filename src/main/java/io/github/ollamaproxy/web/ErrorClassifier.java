package io.github.ollamaproxy.web;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Maps any failure to the error a client gets: the proxy's own {@link ProxyException}s keep their
 * status; a request body Jackson could not read (in the REST binding of the proxy's own endpoints)
 * is 400; a request Camel's throttle refused is 429; an unreachable upstream is 502, an upstream
 * that does not answer in time 504; anything else is a 500 with a generic message (the details go
 * to the log, never to the client).
 */
public final class ErrorClassifier {

    /** The code of a request refused by a limit. */
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";

    private ErrorClassifier() {
    }

    public static ApiError classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProxyException proxy) {
                return proxy.error();
            }
            if (cause instanceof ThrottlerRejectedExecutionException) {
                return new ApiError(429, "too many requests for this API key's requests-per-minute limit",
                        RATE_LIMIT_EXCEEDED, null);
            }
            if (cause instanceof StreamReadException || cause instanceof MismatchedInputException) {
                return JsonCodec.invalidJson((JsonProcessingException) cause).error();
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof ConnectTimeoutException) {
                return new ApiError(504, "upstream Ollama did not answer in time: " + cause.getMessage(),
                        "upstream_timeout", null);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof NoHttpResponseException) {
                return new ApiError(502, "upstream Ollama is unreachable: " + cause.getMessage(),
                        "upstream_unreachable", null);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new ApiError(500, "internal proxy error", "internal_error", null);
    }
}
