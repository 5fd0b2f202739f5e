package io.github.ollamaproxy.web;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of every request, before anything routes or forwards it:
 * <ul>
 *   <li>a path that is not normalised ({@link RequestTargets}) is refused with 400;</li>
 *   <li>a method Ollama does not serve on one of its known paths ({@link NativeEndpoints}), and
 *       {@code TRACE}, {@code CONNECT} or any method the proxy does not know, get 405 with
 *       {@code Allow};</li>
 *   <li>{@code OPTIONS} on a known Ollama path is answered with its {@code Allow};</li>
 *   <li>a CORS preflight is refused with 403: cross-origin requests are not enabled.</li>
 * </ul>
 * Every refusal is in the called API's error shape and nothing of it reaches Ollama.
 */
public class RequestGuard extends OncePerRequestFilter {

    private static final Set<String> SERVED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final ErrorBodies errors;

    public RequestGuard(ErrorBodies errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Optional<ApiError> refusal = RequestTargets.refusal(path);
        if (refusal.isPresent()) {
            errors.send(request, response, refusal.get());
            return;
        }
        String method = request.getMethod();
        if (CorsUtils.isPreFlightRequest(request)) {
            errors.send(request, response, new ApiError(403, "cross-origin (CORS) requests are not enabled on this proxy",
                    "cors_not_enabled", null));
            return;
        }
        Optional<Set<String>> nativeMethods = NativeEndpoints.methods(path);
        if (!SERVED_METHODS.contains(method)) {
            refuseMethod(request, response, nativeMethods.orElse(SERVED_METHODS));
            return;
        }
        if (nativeMethods.isPresent() && method.equals("OPTIONS")) {
            response.setHeader(HttpHeaders.ALLOW, allow(nativeMethods.get()));
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        if (nativeMethods.isPresent() && !nativeMethods.get().contains(method)) {
            refuseMethod(request, response, nativeMethods.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuseMethod(HttpServletRequest request, HttpServletResponse response, Set<String> allowed)
            throws IOException {
        response.setHeader(HttpHeaders.ALLOW, allow(allowed));
        errors.send(request, response, new ApiError(405, "method " + printable(request.getMethod()) + " is not allowed on "
                + request.getRequestURI(), "method_not_allowed", null));
    }

    private static String allow(Set<String> methods) {
        Set<String> sorted = new TreeSet<>(methods);
        sorted.add("OPTIONS");
        return String.join(", ", sorted);
    }

    private static String printable(String method) {
        return method.length() > 20 ? method.substring(0, 20) + "…" : method;
    }
}
