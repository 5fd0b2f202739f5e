package io.github.ollamaproxy.security;

import java.io.IOException;
import java.util.Optional;

import io.github.ollamaproxy.web.AccessRecord;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.ErrorClassifier;
import io.github.ollamaproxy.web.ObservedResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with a key that has the scope its path needs, when keys are
 * configured: the key comes as {@code Authorization: Bearer <key>} (what OpenAI SDKs send) or
 * {@code X-API-Key}. A missing or unknown key is answered 401, a key without the scope 403, both in
 * the called API's error shape; a key at its {@code concurrent-requests} limit gets 429. The key found
 * is left on the request as {@link #KEY_ATTRIBUTE}.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** The request header that may carry the key instead of {@code Authorization}. */
    public static final String API_KEY_HEADER = "X-API-Key";

    /** Request attribute holding the {@link ApiKey} of an authenticated request. */
    public static final String KEY_ATTRIBUTE = ApiKeyFilter.class.getName() + ".key";

    static final String INVALID_API_KEY = "invalid_api_key";
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final KeyConcurrency concurrency;
    private final ErrorBodies errors;

    public ApiKeyFilter(ApiKeys keys, KeyConcurrency concurrency, ErrorBodies errors) {
        this.keys = keys;
        this.concurrency = concurrency;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Scope needed = RequiredScopes.of(request.getMethod(), request.getRequestURI());
        if (needed == null || !keys.required()) {
            chain.doFilter(request, response);
            return;
        }
        String secret = presentedSecret(request);
        if (secret == null) {
            unauthorized(request, response, "no API key: send it as 'Authorization: Bearer <key>' or '"
                    + API_KEY_HEADER + ": <key>'");
            return;
        }
        Optional<ApiKey> key = keys.find(secret);
        if (key.isEmpty()) {
            unauthorized(request, response, "invalid API key");
            return;
        }
        AccessRecord record = AccessRecord.of(request);
        if (record != null) {
            record.keyId(key.get().id());
        }
        if (!key.get().allows(needed)) {
            errors.send(request, response, new ApiError(HttpServletResponse.SC_FORBIDDEN, "API key " + key.get().id()
                    + " lacks the " + needed.label() + " scope needed for " + request.getMethod() + " "
                    + request.getRequestURI(), INSUFFICIENT_SCOPE, null));
            return;
        }
        if (!concurrency.tryEnter(key.get())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            errors.send(request, response, new ApiError(429, "API key " + key.get().id() + " already has "
                    + key.get().limits().concurrentRequests() + " requests in flight, its concurrent-requests limit",
                    ErrorClassifier.RATE_LIMIT_EXCEEDED, null));
            return;
        }
        ObservedResponse leaving = ObservedResponse.onEnd(response, () -> concurrency.leave(key.get()));
        try {
            request.setAttribute(KEY_ATTRIBUTE, key.get());
            chain.doFilter(request, leaving);
        } finally {
            leaving.end();
        }
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ollama-smart-proxy\"");
        errors.send(request, response, new ApiError(HttpServletResponse.SC_UNAUTHORIZED, message, INVALID_API_KEY, null));
    }

    private static String presentedSecret(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String secret = authorization.substring(BEARER.length()).trim();
            if (!secret.isEmpty()) {
                return secret;
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.trim();
    }
}
