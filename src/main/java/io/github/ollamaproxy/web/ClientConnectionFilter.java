package io.github.ollamaproxy.web;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link ClientConnection} and tells it when the client leaves: the routes run
 * asynchronously, and while they do the connection is watched ({@link ClientSocketWatch}); a write
 * to a client that left, reported by the container as an error of the asynchronous request, tells
 * it too.
 */
public class ClientConnectionFilter extends OncePerRequestFilter {

    private final ClientSocketWatch watch;

    public ClientConnectionFilter(ClientSocketWatch watch) {
        this.watch = watch;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ClientConnection connection = new ClientConnection();
        request.setAttribute(ClientConnection.ATTRIBUTE, connection);
        chain.doFilter(request, response);
        if (!request.isAsyncStarted()) {
            return;
        }
        Watching watching = new Watching(connection);
        try {
            request.getAsyncContext().addListener(watching);
        } catch (IllegalStateException alreadyComplete) {
            return;
        }
        if (bodyFullyRead(request)) {
            TomcatConnection.of(request).ifPresent(tcp -> watching.start(watch.watch(tcp, connection)));
        }
    }

    /**
     * Whether nothing of the body is left on the connection: {@link JsonRequestFilter} read it
     * whole, or there was none. A blob upload streamed through is read by its route, never watched.
     */
    private static boolean bodyFullyRead(HttpServletRequest request) {
        return request.getAttribute(RawUploadFilter.BODY) == null;
    }

    /** Stops watching when the request is complete; an error of the request means the client left. */
    private static final class Watching implements AsyncListener {

        private final ClientConnection connection;
        private ClientSocketWatch.Watched watched;
        private boolean complete;

        Watching(ClientConnection connection) {
            this.connection = connection;
        }

        synchronized void start(ClientSocketWatch.Watched started) {
            watched = started;
            if (complete) {
                started.stop();
            }
        }

        private synchronized void complete() {
            complete = true;
            if (watched != null) {
                watched.stop();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            complete();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            complete();
            connection.leave();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
