package io.github.ollamaproxy.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets uploads stream: blob uploads ({@code POST /api/blobs/sha256:…}, model files of many
 * gigabytes) straight through to Ollama, and batch input files ({@code POST /v1/files}) to the data
 * folder. Camel's Spring Boot HTTP binding would read the whole body into memory before the route
 * starts, so this filter hides the body from it and leaves the servlet's input stream in a request
 * attribute, which {@link RawUploads} hands to the route.
 */
public class RawUploadFilter extends OncePerRequestFilter {

    /** Request attribute holding the client's upload stream. */
    public static final String BODY = RawUploadFilter.class.getName() + ".body";

    /** Request attribute holding the declared upload length ({@code Long}, -1 when chunked). */
    static final String LENGTH = RawUploadFilter.class.getName() + ".length";

    static final String PATH_PREFIX = "/api/blobs/";

    static final String FILES = "/v1/files";

    /** Whether a request's body is an upload that streams through untouched. */
    static boolean isRawUpload(HttpServletRequest request) {
        String path = request.getRequestURI();
        String method = request.getMethod();
        return path.startsWith(PATH_PREFIX) && ("POST".equals(method) || "PUT".equals(method))
                || path.equals(FILES) && "POST".equals(method);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isRawUpload(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(BODY, request.getInputStream());
        request.setAttribute(LENGTH, request.getContentLengthLong());
        chain.doFilter(new BodilessRequest(request), response);
    }

    /** The request as Camel's binding sees it: without a body to read. */
    private static final class BodilessRequest extends HttpServletRequestWrapper {

        BodilessRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new InMemoryServletInputStream(new byte[0]);
        }
    }
}
