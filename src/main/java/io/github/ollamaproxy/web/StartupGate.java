package io.github.ollamaproxy.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps requests out while the routes are not all serving: the port opens before Camel has
 * started its routes (and closes after they stop), and in between every path answers 503 with
 * {@code Retry-After} in the called API's error shape, instead of a 404 from a route that is not
 * there yet. Opens when Spring reports the application ready to accept traffic, which is after
 * the Camel context and all its routes started; closes again when shutdown begins.
 */
public class StartupGate extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final ErrorBodies errors;
    private volatile boolean open;

    public StartupGate(ErrorBodies errors) {
        this.errors = errors;
    }

    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        open = event.getState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (open) {
            chain.doFilter(request, response);
            return;
        }
        ApiError error = new ApiError(503, "the proxy is starting or stopping; retry in a moment", "not_ready", null);
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        errors.send(request, response, error);
    }
}
