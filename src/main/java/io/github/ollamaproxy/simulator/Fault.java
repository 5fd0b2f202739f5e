package io.github.ollamaproxy.simulator;

import java.time.Duration;

/**
 * A scripted misbehaviour of a simulated model, for testing how the proxy copes.
 *
 * @param kind        what goes wrong
 * @param afterTokens how many tokens are streamed before it goes wrong
 * @param delay       how long the model stays silent, for {@link Kind#SLOW_FIRST_BYTE}
 */
public record Fault(Kind kind, int afterTokens, Duration delay) {

    /** The kinds of misbehaviour. */
    public enum Kind {
        /** Behaves normally. */
        NONE,
        /** Streams some tokens, then an {@code {"error": …}} line, then ends the stream. */
        ERROR_LINE,
        /** Streams some tokens, then drops the connection without finishing the chunked body. */
        DISCONNECT,
        /** Never answers (until the simulator stops). */
        HANG,
        /** Streams some tokens, then falls silent without closing (until the simulator stops). */
        STALL,
        /** Stays silent for {@code delay} before the first byte. */
        SLOW_FIRST_BYTE
    }

    public static Fault none() {
        return new Fault(Kind.NONE, 0, Duration.ZERO);
    }

    public static Fault errorLineAfter(int tokens) {
        return new Fault(Kind.ERROR_LINE, tokens, Duration.ZERO);
    }

    public static Fault disconnectAfter(int tokens) {
        return new Fault(Kind.DISCONNECT, tokens, Duration.ZERO);
    }

    public static Fault stallAfter(int tokens) {
        return new Fault(Kind.STALL, tokens, Duration.ZERO);
    }

    public static Fault hang() {
        return new Fault(Kind.HANG, 0, Duration.ZERO);
    }

    public static Fault slowFirstByte(Duration delay) {
        return new Fault(Kind.SLOW_FIRST_BYTE, 0, delay);
    }
}
