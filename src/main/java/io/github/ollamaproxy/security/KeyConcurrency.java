package io.github.ollamaproxy.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Requests in flight per key, for the {@code concurrent-requests} limit. A request holds its place
 * from the moment its key is accepted until its answer's body is closed, just before the client can
 * see the answer's end (the proxy answers each request on one thread, streams included), so a
 * stream is counted for as long as it runs and a client that waits for each answer is never refused.
 */
@Component
public class KeyConcurrency {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** Takes a place for {@code key}; false when its limit is reached (then nothing was taken). */
    public boolean tryEnter(ApiKey key) {
        Integer limit = key.limits().concurrentRequests();
        AtomicInteger count = inFlight.computeIfAbsent(key.id(), id -> new AtomicInteger());
        if (count.incrementAndGet() > (limit == null ? Integer.MAX_VALUE : limit)) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back the place {@link #tryEnter} took. */
    public void leave(ApiKey key) {
        AtomicInteger count = inFlight.get(key.id());
        if (count != null) {
            count.decrementAndGet();
        }
    }
}
