package io.github.ollamaproxy.web;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Logs failures to write a response. A client that goes away mid-stream is normal for an LLM proxy
 * (a user presses stop): it is logged in one line at debug level; any other failure at warn level
 * with its stack trace.
 */
public class ResponseWriteFailureHandler implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriteFailureHandler.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        ClientConnection client = exchange == null ? null : ClientConnection.of(exchange);
        if (isClientGone(exception) || client != null && client.hasLeft()) {
            LOG.debug("Client went away before the response was complete: {}", exception.toString());
        } else {
            LOG.warn(message == null ? "Failed writing a response" : message, exception);
        }
    }

    static boolean isClientGone(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof AsyncRequestNotUsableException || cause instanceof ClientLeftException
                    || cause.getClass().getSimpleName().equals("ClientAbortException")
                    || cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Broken pipe")
                    || cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Connection reset")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
