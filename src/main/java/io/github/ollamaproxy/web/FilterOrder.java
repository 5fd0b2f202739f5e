package io.github.ollamaproxy.web;

import org.springframework.core.Ordered;

/** The order of the proxy's servlet filters, outermost first, declared in one place. */
public final class FilterOrder {

    /** {@link AccessLogFilter}: sees every request, refused ones included. */
    public static final int ACCESS_LOG = Ordered.HIGHEST_PRECEDENCE;

    /** Spring's CORS filter, when cross-origin requests are enabled: answers preflights before anything else. */
    public static final int CROSS_ORIGIN = ACCESS_LOG + 1;

    /** {@link RequestGuard}: normalised paths and known methods only. */
    public static final int REQUEST_GUARD = CROSS_ORIGIN + 1;

    /** {@link StartupGate}: 503 until every route serves. */
    public static final int STARTUP_GATE = REQUEST_GUARD + 1;

    /** The API key filter of the {@code security} package. */
    public static final int API_KEY = STARTUP_GATE + 1;

    /** Spring's trailing-slash handler. */
    public static final int TRAILING_SLASH = API_KEY + 1;

    /** {@link RawUploadFilter}: blob uploads streamed. */
    public static final int RAW_UPLOAD = TRAILING_SLASH + 1;

    /** {@link JsonRequestFilter}: JSON bodies read under their limits. */
    public static final int JSON_REQUEST = RAW_UPLOAD + 1;

    /** {@link ClientConnectionFilter}: the client's connection watched while the routes run. */
    public static final int CLIENT_CONNECTION = JSON_REQUEST + 1;

    private FilterOrder() {
    }
}
