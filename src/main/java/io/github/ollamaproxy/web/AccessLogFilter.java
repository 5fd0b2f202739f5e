package io.github.ollamaproxy.web;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line per request on the logger {@value #LOGGER} at INFO: method, path (never the query, which
 * may carry a question), status, key id, model, agents, prompt and completion tokens when Ollama
 * reported them for a keyed request, time to the first byte of the answer and the whole duration,
 * streams included. Never the prompt, never a secret. Off, at no cost, when that logger is above INFO.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    /** The access log's logger name. */
    public static final String LOGGER = "ollama-proxy.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!LOG.isInfoEnabled()) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        AccessRecord record = new AccessRecord();
        request.setAttribute(AccessRecord.ATTRIBUTE, record);
        AtomicLong firstByte = new AtomicLong();
        try {
            chain.doFilter(request, ObservedResponse.onFirstByte(response, () -> firstByte.set(System.nanoTime())));
        } finally {
            long end = System.nanoTime();
            LOG.info("{} {} {} key={} model={} agents={} prompt_tokens={} completion_tokens={} ttfb_ms={} duration_ms={}",
                    request.getMethod(), request.getRequestURI(), response.getStatus(), orDash(record.keyId()),
                    orDash(record.model()), orDash(response.getHeader(ProxyHeaders.AGENTS)),
                    count(record.promptTokens()), count(record.completionTokens()),
                    firstByte.get() == 0 ? "-" : millis(firstByte.get() - start), millis(end - start));
        }
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static String count(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
