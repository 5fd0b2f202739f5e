package io.github.ollamaproxy.servers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.ollamaproxy.upstream.OllamaServer;

/**
 * One request's way to Ollama: the candidate servers best first (the best possibly holding a place
 * reserved for the request), the request as it was (kept only when there is a second candidate),
 * the attempts made, the server that answered and the last failure. Failover moves to the next
 * candidate while fewer than {@code maxAttempts} were made, the request can be sent again and no
 * answer was relayed.
 */
public final class UpstreamAttempts {

    private final List<OllamaServer> candidates;
    private final int maxAttempts;
    private final String model;
    private final Map<String, Object> requestHeaders;
    private final Object requestBody;
    private OllamaServer reserved;
    private int nextCandidate;
    private int made;
    private OllamaServer current;
    private boolean permitted;
    private long startedNanos;
    private OllamaServer answered;
    private Object lastFailure;
    private boolean sendAgainPossible = true;

    UpstreamAttempts(ServerChooser.Choice choice, int maxAttempts, String model, Map<String, Object> requestHeaders,
            Object requestBody) {
        this.candidates = new ArrayList<>(choice.candidates());
        this.reserved = choice.reserved();
        this.maxAttempts = maxAttempts;
        this.model = model;
        this.requestHeaders = candidates.size() > 1 ? new HashMap<>(requestHeaders) : Map.of();
        this.requestBody = requestBody;
    }

    /** Whether another server is to be tried: none yet, or the last one failed and failover may go on. */
    public boolean isRetry() {
        return made == 0 || answered == null && sendAgainPossible && moreCandidates();
    }

    /**
     * The next server to try: the next candidate whose circuit breaker grants a call, or, when none
     * does, the next candidate anyway (a request is never refused on a breaker's word alone).
     */
    OllamaServer begin() {
        OllamaServer chosen = null;
        permitted = false;
        for (int i = nextCandidate; i < candidates.size(); i++) {
            if (candidates.get(i).tryAcquire()) {
                chosen = candidates.get(i);
                candidates.remove(i);
                candidates.add(nextCandidate, chosen);
                permitted = true;
                break;
            }
        }
        if (chosen == null) {
            chosen = candidates.get(nextCandidate);
        }
        nextCandidate++;
        made++;
        current = chosen;
        startedNanos = System.nanoTime();
        if (chosen == reserved) {
            reserved = null;
        } else {
            withdrawReservation();
            chosen.enter();
        }
        return chosen;
    }

    /** Gives back the place the choice reserved, if no attempt took it. */
    void withdrawReservation() {
        if (reserved != null) {
            reserved.withdraw();
            reserved = null;
        }
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    OllamaServer current() {
        return current;
    }

    boolean permitted() {
        return permitted;
    }

    int made() {
        return made;
    }

    /** Whether a failed attempt may still be followed by another: candidates and attempts left. */
    boolean moreCandidates() {
        return made < maxAttempts && nextCandidate < candidates.size();
    }

    void answeredBy(OllamaServer server) {
        answered = server;
    }

    /** The server whose answer goes to the client, or {@code null}. */
    OllamaServer answered() {
        return answered;
    }

    void failed(Object failure, boolean canSendAgain) {
        lastFailure = failure;
        sendAgainPossible = sendAgainPossible && canSendAgain;
    }

    /** The last failure: a {@link SavedAnswer} or an {@link Exception}. */
    Object lastFailure() {
        return lastFailure;
    }

    String model() {
        return model;
    }

    Map<String, Object> requestHeaders() {
        return requestHeaders;
    }

    Object requestBody() {
        return requestBody;
    }

    /** A 5xx answer kept while another server is tried, so that it can still be relayed. */
    record SavedAnswer(int status, String contentType, byte[] body) {
    }
}
