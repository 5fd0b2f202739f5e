package io.github.ollamaproxy.web;

import java.io.IOException;

/** The client of a request left; what was being done for it stopped. Logged at debug level only. */
public class ClientLeftException extends IOException {

    public ClientLeftException(String message, Throwable cause) {
        super(message, cause);
    }
}
