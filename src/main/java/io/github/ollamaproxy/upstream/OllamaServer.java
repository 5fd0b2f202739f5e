package io.github.ollamaproxy.upstream;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One Ollama server behind the proxy, as the proxy sees it at run time: where it is, its weight,
 * how many requests it is serving, and its circuit breaker. Its meters carry a {@code server} tag:
 * {@code ollama.proxy.upstream.in.flight}, {@code ollama.proxy.upstream.latency} (to the answer's
 * headers), {@code ollama.proxy.upstream.failures} (by {@code reason}) and
 * {@code ollama.proxy.upstream.circuit.open} (1 while the server is taken out).
 */
public final class OllamaServer {

    private final String name;
    private final URI baseUri;
    private final int weight;
    private final int position;
    private final CircuitBreaker circuitBreaker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final Timer latency;
    private final MeterRegistry registry;

    OllamaServer(UpstreamEntry entry, int position, CircuitBreaker circuitBreaker, MeterRegistry registry) {
        this.name = entry.effectiveName();
        this.baseUri = entry.baseUri();
        this.weight = entry.effectiveWeight();
        this.position = position;
        this.circuitBreaker = circuitBreaker;
        this.registry = registry;
        this.latency = Timer.builder("ollama.proxy.upstream.latency").description("Time to an Ollama server's answer headers")
                .tag("server", name).register(registry);
        Gauge.builder("ollama.proxy.upstream.in.flight", inFlight, AtomicInteger::get)
                .description("Requests an Ollama server is serving through the proxy").tag("server", name).register(registry);
        Gauge.builder("ollama.proxy.upstream.circuit.open", this, server -> server.isTakenOut() ? 1 : 0)
                .description("1 while an Ollama server is taken out by its circuit breaker").tag("server", name)
                .register(registry);
    }

    public String name() {
        return name;
    }

    /** The base URL without trailing slash, e.g. {@code http://gpu1:11434}. */
    public URI baseUri() {
        return baseUri;
    }

    public int weight() {
        return weight;
    }

    /** Its place in {@code ollama-proxy.upstreams}, from 0. */
    public int position() {
        return position;
    }

    /** Requests it is serving now (from the call until the answer's last byte). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests it was given, divided by its weight: who has had less than its share. */
    public double servedShare() {
        return (double) started.get() / weight;
    }

    /** Whether its circuit breaker keeps it out (open, or half-open while a probe decides). */
    public boolean isTakenOut() {
        return circuitBreaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /** The circuit breaker's state, lower case: {@code closed}, {@code open}, {@code half_open}. */
    public String circuitState() {
        return circuitBreaker.getState().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Asks the circuit breaker for a call: always granted while closed; once open, granted to the one
     * call that tests the server after {@code open-for}. A granted call must end with
     * {@link #succeeded}, {@link #failed} or {@link #released}.
     */
    public boolean tryAcquire() {
        return circuitBreaker.tryAcquirePermission();
    }

    /** A granted call that was not made (its client left) and counts neither way. */
    public void released() {
        circuitBreaker.releasePermission();
    }

    /** A request starts on this server. */
    public void enter() {
        inFlight.incrementAndGet();
        started.incrementAndGet();
    }

    /** A request on this server ended. */
    public void leave() {
        inFlight.decrementAndGet();
    }

    /** A request that {@link #enter entered} was sent elsewhere after all: as if it never came. */
    public void withdraw() {
        inFlight.decrementAndGet();
        started.decrementAndGet();
    }

    /** The server answered (not with a 5xx) after {@code nanos}. */
    public void succeeded(long nanos) {
        circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The server failed a call after {@code nanos}; {@code reason} is a short metric tag. */
    public void failed(long nanos, Throwable cause, String reason) {
        circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        countFailure(reason);
    }

    /**
     * The server answered with an error that belongs to the request rather than to the server (Ollama's
     * 500 for a model that cannot load, say): counted in the metrics, not against its circuit breaker.
     */
    public void failedRequest(String reason) {
        circuitBreaker.releasePermission();
        countFailure(reason);
    }

    private void countFailure(String reason) {
        Counter.builder("ollama.proxy.upstream.failures").description("Failed calls to an Ollama server")
                .tag("server", name).tag("reason", reason).register(registry).increment();
    }

    @Override
    public String toString() {
        return name + " (" + baseUri + ")";
    }
}
