package io.github.ollamaproxy.websearch;

import java.util.List;
import java.util.Locale;

/**
 * What a web search gave.
 *
 * @param status  how it went
 * @param query   the query sent
 * @param results the results, empty unless {@link Status#OK}
 * @param error   why it failed, empty otherwise
 */
public record WebSearchOutcome(Status status, String query, List<WebResult> results, String error) {

    /** How a web search went. */
    public enum Status {
        /** The search answered (possibly with no results). */
        OK,
        /** The search failed, timed out or answered with something unreadable. */
        FAILED,
        /** The circuit breaker is open: the search was not called. */
        CIRCUIT_OPEN,
        /** No search URL is configured. */
        DISABLED,
        /** The local knowledge was good enough: no search was needed. */
        NOT_NEEDED;

        /** The lower-case name used in headers and JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WebSearchOutcome {
        results = List.copyOf(results);
    }

    /** This outcome, for {@code newQuery}. */
    public WebSearchOutcome withQuery(String newQuery) {
        return new WebSearchOutcome(status, newQuery, results, error);
    }

    public static WebSearchOutcome ok(String query, List<WebResult> results) {
        return new WebSearchOutcome(Status.OK, query, results, "");
    }

    public static WebSearchOutcome failed(Status status, String query, String error) {
        return new WebSearchOutcome(status, query, List.of(), error);
    }

    public static WebSearchOutcome notNeeded() {
        return new WebSearchOutcome(Status.NOT_NEEDED, "", List.of(), "");
    }
}
