package io.github.ollamaproxy.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals (a request line or URI it cannot parse, headers over the size limit, an
 * unknown {@code Transfer-Encoding}, an HTTP version it does not speak), answered in the called
 * API's error shape instead of Tomcat's HTML page. Headers over the limit are reported as 431 and
 * a request line over it as 414, as RFC 6585 and RFC 9110 have it, rather than Tomcat's plain 400.
 * A path Tomcat refused is described as {@link RequestGuard} would have. When the request line could
 * not be read at all, the path is unknown and the native shape is used.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorReportValve.class);

    /** Tomcat's message (in the JVM's locale) when the request line or headers overflow its buffer. */
    private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    /** The start of Tomcat's message when a request has more headers than it accepts. */
    private static final String TOO_MANY_HEADERS = messageStart(StringManager.getManager("org.apache.tomcat.util.http")
            .getString("headers.maxCountFail"));

    private final ErrorBodies errors;
    private final long maxHeaderBytes;

    public ApiErrorReportValve(ErrorBodies errors, long maxHeaderBytes) {
        this.errors = errors;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getRequestURI();
        ApiError error = describe(response.getStatus(), path, throwable);
        LOG.debug("Refused by Tomcat before any route: {} {}", error.status(), throwable == null ? "" : throwable.toString());
        try {
            response.setStatus(error.status());
            response.setContentType(MediaTypes.JSON);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(errors.render(error, ErrorShape.forPath(path)), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not write the error answer: {}", e.toString());
        }
    }

    private ApiError describe(int status, String path, Throwable throwable) {
        String thrown = throwable == null || throwable.getMessage() == null ? "" : throwable.getMessage();
        if (status == 400 && throwable instanceof IllegalStateException && thrown.startsWith(TOO_MANY_HEADERS)) {
            return new ApiError(431, "the request has more headers than the server accepts", "request_headers_too_large", null);
        }
        if (status == 400 && thrown.equals(HEADER_TOO_LARGE)) {
            return path != null
                    ? new ApiError(431, "the request headers are larger than the limit of " + maxHeaderBytes + " bytes",
                            "request_headers_too_large", null)
                    : new ApiError(414, "the request line (URL) is longer than the limit of " + maxHeaderBytes + " bytes",
                            "uri_too_long", null);
        }
        Optional<ApiError> pathRefusal = status == 400 && path != null ? RequestTargets.refusal(path) : Optional.empty();
        if (pathRefusal.isPresent()) {
            return pathRefusal.get();
        }
        return switch (status) {
            case 400 -> new ApiError(400, "the request could not be parsed: the request target (path and query) "
                    + "has characters or encodings that are not allowed, or the request line is malformed", "bad_request", null);
            case 501 -> new ApiError(501, "the request uses a method (CONNECT) or a Transfer-Encoding (other than "
                    + "chunked) this server does not implement", "not_implemented", null);
            case 505 -> new ApiError(505, "HTTP version not supported; use HTTP/1.1", "http_version_not_supported", null);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield new ApiError(status, known == null ? "error " + status : known.getReasonPhrase().toLowerCase(), null, null);
            }
        };
    }

    private static String messageStart(String pattern) {
        int argument = pattern.indexOf('{');
        return argument < 0 ? pattern : pattern.substring(0, argument);
    }
}
