package io.github.ollamaproxy.web;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform-http consumer that runs its route on the request's own thread (a virtual thread on
 * Java 21+, one of Tomcat's pooled threads on Java 17) from start to end, stream included, and
 * returns no future, so Spring MVC completes the request without an asynchronous dispatch. Camel's
 * own consumer hands each request to a task executor and completes it through a second, asynchronous
 * dispatch: two thread hand-offs per request.
 */
class ServletThreadConsumer extends SpringBootPlatformHttpConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ServletThreadConsumer.class);

    ServletThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        super(endpoint, processor, Runnable::run);
    }

    @Override
    public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
        try {
            handleService(request, response);
        } catch (Exception e) {
            LOG.warn("Error handling request due to: {}", e.getMessage(), e);
            if (!response.isCommitted()) {
                try {
                    response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                } catch (Exception alreadyGone) {
                    LOG.debug("Could not send the error: {}", alreadyGone.toString());
                }
            }
        }
        return null;
    }
}
