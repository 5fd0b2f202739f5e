package io.github.ollamaproxy.web;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;

/**
 * The platform-http engine of the proxy: each route runs on the servlet container's own request
 * thread ({@link ServletThreadConsumer}) instead of being handed to a task executor and finished
 * by an asynchronous dispatch back into the container.
 */
public class ServletThreadEngine implements PlatformHttpEngine {

    private final int port;

    public ServletThreadEngine(int port) {
        this.port = port;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new ServletThreadConsumer(endpoint, processor);
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
