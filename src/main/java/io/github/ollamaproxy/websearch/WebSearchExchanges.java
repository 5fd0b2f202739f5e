package io.github.ollamaproxy.websearch;

import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code web-search} route: the search request from a query, the results from
 * SearxNG's JSON answer ({@code results[].title/url/content}), and the outcome when the search
 * fails or the circuit is open. The outcomes carry no query: the caller knows it.
 */
@Component("webSearchExchanges")
public class WebSearchExchanges {

    private final WebSearchProperties properties;
    private final JsonCodec json;

    public WebSearchExchanges(WebSearchProperties properties, JsonCodec json) {
        this.properties = properties;
        this.json = json;
    }

    /** Turns the query in the body into a GET of the configured search URL. */
    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        String query = message.getBody(String.class);
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader("Accept", "application/json");
        message.setHeader(Exchange.HTTP_URI, searchUri(query));
        message.setBody(null);
    }

    /**
     * Reads the search's answer into a {@link WebSearchOutcome}.
     *
     * @throws IllegalStateException when the answer is not SearxNG's JSON, which the breaker counts
     *                               as a failure
     */
    public void results(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        ObjectNode answer = body == null ? null : json.readUpstreamObject(body);
        if (answer == null || !answer.path("results").isArray()) {
            throw new IllegalStateException("the search did not answer with SearxNG's JSON (is format=json enabled"
                    + " in its settings?)");
        }
        List<WebResult> results = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            String url = result.path("url").asText("").strip();
            String title = result.path("title").asText("").strip();
            String snippet = result.path("content").asText("").strip();
            if (!url.isEmpty() && !(title.isEmpty() && snippet.isEmpty())) {
                results.add(new WebResult(title.isEmpty() ? url : title, url, snippet));
            }
            if (results.size() == properties.results()) {
                break;
            }
        }
        message.setBody(WebSearchOutcome.ok("", results));
    }

    /**
     * The outcome of a search that failed, timed out or was not called because the circuit is open.
     * The fallback sees the failure's exception; without one, the breaker either rejected the call
     * (its state then is not closed) or the call timed out.
     */
    public void fallback(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String state = exchange.getProperty(CircuitBreakerConstants.RESPONSE_STATE, "", String.class);
        WebSearchOutcome outcome;
        if (cause != null) {
            outcome = WebSearchOutcome.failed(WebSearchOutcome.Status.FAILED, "", describe(cause));
        } else if (!state.isEmpty() && !"CLOSED".equals(state)) {
            outcome = WebSearchOutcome.failed(WebSearchOutcome.Status.CIRCUIT_OPEN, "",
                    "the circuit breaker is " + state.toLowerCase(Locale.ROOT)
                            + " after repeated failures");
        } else {
            outcome = WebSearchOutcome.failed(WebSearchOutcome.Status.FAILED, "", timeout());
        }
        exchange.getMessage().setBody(outcome);
    }

    private String searchUri(String query) {
        String url = properties.url();
        return url + (url.contains("?") ? "&" : "?") + "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&format=json&safesearch=" + properties.safesearch();
    }

    private String describe(Throwable cause) {
        for (Throwable link = cause; link != null; link = link.getCause()) {
            if (link instanceof HttpOperationFailedException failed) {
                return "the search answered HTTP " + failed.getStatusCode();
            }
            if (link instanceof SocketTimeoutException || link instanceof TimeoutException) {
                return timeout();
            }
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private String timeout() {
        return "no answer within " + properties.timeoutMillis() + " ms";
    }

}
