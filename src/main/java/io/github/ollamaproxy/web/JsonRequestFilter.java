package io.github.ollamaproxy.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prepares JSON request bodies before Camel reads them:
 * <ul>
 *   <li>a body over {@link RequestLimits#maxRequestBody()} is refused with 413 in the called API's
 *       error shape (by {@code Content-Length} at once, or while reading a chunked body);</li>
 *   <li>a body compressed with {@code Content-Encoding: gzip} or {@code deflate} is inflated here
 *       ({@link RequestBodyReader}), under the same limit counted on the inflated bytes and an
 *       inflation ratio, so a "zip bomb" stops after about a megabyte; one that does not inflate
 *       is a 400; other encodings are refused with 415;</li>
 *   <li>a body of any other content type (none, a form as {@code curl -d} sends it, text,
 *       multipart) is read as JSON, as Ollama does, instead of being parsed as form fields or
 *       parts.</li>
 * </ul>
 * A request without a body shows no content type. Uploads ({@link RawUploadFilter#isRawUpload}) are
 * raw bytes of any size and pass untouched.
 */
public class JsonRequestFilter extends OncePerRequestFilter {

    static final String JSON = "application/json";
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RequestBodyReader bodies;
    private final ErrorBodies errors;

    public JsonRequestFilter(RequestLimits limits, ErrorBodies errors) {
        this.bodies = new RequestBodyReader(limits);
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RawUploadFilter.isRawUpload(request);
    }

    /** Whether this filter reads the request's whole body before the routes see it. */
    static boolean buffers(HttpServletRequest request) {
        return !RawUploadFilter.isRawUpload(request) && (METHODS_WITH_BODY.contains(request.getMethod()) || hasBody(request));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!buffers(request)) {
            chain.doFilter(new BufferedJsonRequest(request, new byte[0], null), response);
            return;
        }
        String encoding = contentEncoding(request);
        if (!encoding.isEmpty() && !encoding.equals("gzip") && !encoding.equals("x-gzip") && !encoding.equals("deflate")) {
            refuse(request, response, new ApiError(415, "Content-Encoding " + encoding + " is not supported; "
                    + "send the body plain, gzip or deflate", "unsupported_content_encoding", null));
            return;
        }
        byte[] body;
        try {
            body = bodies.read(request.getInputStream(), encoding, request.getContentLengthLong());
        } catch (RequestBodyReader.RefusedBody refused) {
            refuse(request, response, refused.error());
            return;
        }
        chain.doFilter(new BufferedJsonRequest(request, body, jsonType(request.getContentType())), response);
    }

    private static String contentEncoding(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        String normalized = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        return normalized.equals("identity") ? "" : normalized;
    }

    /**
     * Answers at once and closes the connection: Tomcat would otherwise first try to read the rest of
     * the body, and a client that waits for the answer before sending it would wait for nothing.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        errors.send(request, response, error);
        response.flushBuffer();
    }

    /** The declared content type when it is a JSON one, else JSON. */
    private static String jsonType(String declared) {
        return declared != null && declared.toLowerCase(Locale.ROOT).contains("json") ? declared : JSON;
    }

    /**
     * The request with its body already read (inflated when it came compressed, so without
     * {@code Content-Encoding}) and its content type JSON, whatever was declared; a request without
     * a body has no content type at all (one declared for nothing would decide how the REST
     * binding writes the answer).
     */
    static final class BufferedJsonRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String contentType;

        /** @param contentType the content type to show, or {@code null} for none */
        BufferedJsonRequest(HttpServletRequest request, byte[] body, String contentType) {
            super(request);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            if ("content-type".equalsIgnoreCase(name)) {
                return contentType;
            }
            if (isReplaced(name)) {
                return "content-length".equalsIgnoreCase(name) ? String.valueOf(body.length) : null;
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            if ("content-type".equalsIgnoreCase(name) || isReplaced(name)) {
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!isReplaced(name) && !"content-type".equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            if (contentType != null) {
                names.add("Content-Type");
            }
            names.add("Content-Length");
            return Collections.enumeration(names);
        }

        @Override
        public int getIntHeader(String name) {
            return "content-length".equalsIgnoreCase(name) ? body.length : super.getIntHeader(name);
        }

        /** The headers that described the body as sent, not as it is now. */
        private static boolean isReplaced(String name) {
            return "content-encoding".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)
                    || "transfer-encoding".equalsIgnoreCase(name);
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
