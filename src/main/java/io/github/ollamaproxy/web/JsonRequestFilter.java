package io.github.ollamaproxy.web;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prepares JSON request bodies before Camel reads them:
 * <ul>
 *   <li>a body over {@link RequestLimits#maxRequestBody()} is refused with 413 in the called API's
 *       error shape (by {@code Content-Length} at once, or while reading a chunked body);</li>
 *   <li>a body without {@code Content-Type}, or sent as a form ({@code curl -d}), is read as JSON,
 *       as Ollama does, instead of being parsed as form fields.</li>
 * </ul>
 * Blob uploads ({@code /api/blobs/}) are raw bytes of any size and pass untouched.
 */
public class JsonRequestFilter extends OncePerRequestFilter {

    static final String JSON = "application/json";
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String BLOBS = "/api/blobs/";

    private final long maxBytes;
    private final ErrorBodies errors;

    public JsonRequestFilter(RequestLimits limits, ErrorBodies errors) {
        this.maxBytes = limits.maxRequestBody().toBytes();
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !METHODS_WITH_BODY.contains(request.getMethod()) || request.getRequestURI().startsWith(BLOBS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new BufferedJsonRequest(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiError error = new ApiError(413, "request body is larger than the limit of " + maxBytes + " bytes",
                "request_too_large", null);
        response.setStatus(error.status());
        response.setContentType(MediaTypes.JSON);
        response.getOutputStream().write(errors.render(error, ErrorShape.forPath(request.getRequestURI())));
    }

    /** The request with its body already read and its content type defaulted to JSON. */
    static final class BufferedJsonRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String contentType;

        BufferedJsonRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            String declared = request.getContentType();
            boolean jsonByDefault = declared == null || declared.isBlank()
                    || declared.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            this.contentType = jsonByDefault ? JSON : declared;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(contentType))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch("content-type"::equalsIgnoreCase)) {
                names.add("Content-Type");
            }
            return Collections.enumeration(names);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new InMemoryServletInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }
}
