package io.github.ollamaproxy.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link ClientConnection} and tells it when the client leaves: while the
 * route runs the connection is watched ({@link ClientSocketWatch}), on the request's own thread and,
 * for a request that goes on asynchronously, until it completes; a write to a client that left,
 * reported by the container as an error of the asynchronous request, tells it too. Runs after the
 * body was read ({@link JsonRequestFilter}), so the watch never takes bytes of it.
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
        Optional<ClientSocketWatch.Watched> watched = bodyFullyRead(request)
                ? TomcatConnection.of(request).map(tcp -> watch.watch(tcp, connection))
                : Optional.empty();
        Watching watching = new Watching(connection, watched);
        try {
            chain.doFilter(request, response);
        } finally {
            if (!request.isAsyncStarted() || !watchUntilComplete(request, watching)) {
                watching.complete();
            }
        }
    }

    private static boolean watchUntilComplete(HttpServletRequest request, Watching watching) {
        try {
            request.getAsyncContext().addListener(watching);
            return true;
        } catch (IllegalStateException alreadyComplete) {
            return false;
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
        private final Optional<ClientSocketWatch.Watched> watched;

        Watching(ClientConnection connection, Optional<ClientSocketWatch.Watched> watched) {
            this.connection = connection;
            this.watched = watched;
        }

        void complete() {
            watched.ifPresent(ClientSocketWatch.Watched::stop);
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
