package io.github.ollamaproxy.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.ollamaproxy.web.ClientConnection;
import io.github.ollamaproxy.web.ClientLeftException;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream answer body on its way to the client, read by the HTTP binding as the bytes arrive
 * (each read returns what the upstream has sent, so lines are relayed as they come).
 *
 * <ul>
 *   <li>Closed before its end (the client went away): aborts the upstream request instead of
 *       draining it, so Ollama stops generating. (While the stream is silent, a client that leaves
 *       is noticed by {@link ClientConnection}, which closes the upstream connection.)</li>
 *   <li>An NDJSON stream whose upstream connection breaks ends with a final
 *       {@code {"error": "..."}} line, so clients never mistake a cut stream for a complete one.</li>
 *   <li>An optional {@link LineObserver} sees every complete line and the clean end.</li>
 * </ul>
 */
public final class RelayInputStream extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(RelayInputStream.class);

    /** Watches the lines of a relayed NDJSON stream. */
    public interface LineObserver {

        /** A complete line, without its terminating newline. */
        void onLine(byte[] line);

        /** The upstream ended the stream normally; not called after a failure or an abort. */
        void onEnd();

        /** Both observers, in order; either may be {@code null} (then the other, or {@code null}). */
        static LineObserver both(LineObserver first, LineObserver second) {
            if (first == null || second == null) {
                return first == null ? second : first;
            }
            return new LineObserver() {
                @Override
                public void onLine(byte[] line) {
                    first.onLine(line);
                    second.onLine(line);
                }

                @Override
                public void onEnd() {
                    first.onEnd();
                    second.onEnd();
                }
            };
        }
    }

    private final InputStream upstream;
    private final boolean ndjson;
    private final LineObserver observer;
    private final ClientConnection client;
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
    private final AtomicBoolean closed = new AtomicBoolean();
    private byte[] trailer;
    private int trailerPosition;
    private boolean ended;
    private boolean atLineStart = true;

    /**
     * @param upstream the upstream body
     * @param ndjson   whether the body is NDJSON (then a broken connection adds an error line)
     * @param observer sees the lines, or {@code null}
     * @param client   the connection of the client the answer goes to, or {@code null}
     */
    public RelayInputStream(InputStream upstream, boolean ndjson, LineObserver observer, ClientConnection client) {
        this.upstream = upstream;
        this.ndjson = ndjson;
        this.observer = observer;
        this.client = client;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (trailer != null) {
            return readTrailer(buffer, offset, length);
        }
        if (ended) {
            return -1;
        }
        int n;
        try {
            n = upstream.read(buffer, offset, length);
        } catch (IOException e) {
            if (client != null && client.hasLeft()) {
                throw new ClientLeftException("the client left; the upstream request was aborted", e);
            }
            if (closed.get() || !ndjson) {
                throw e;
            }
            startTrailer(e);
            return readTrailer(buffer, offset, length);
        }
        if (n < 0) {
            ended = true;
            if (observer != null) {
                flushPendingLine();
                observer.onEnd();
            }
            return -1;
        }
        if (n > 0) {
            atLineStart = buffer[offset + n - 1] == '\n';
            if (observer != null) {
                observe(buffer, offset, n);
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ended || trailer != null) {
            upstream.close();
            return;
        }
        LOG.debug("Client went away before the end of the answer; aborting the upstream request");
        if (upstream instanceof EofSensorInputStream sensor) {
            sensor.abort();
        } else {
            upstream.close();
        }
    }

    private void startTrailer(IOException failure) {
        String reason = failure instanceof SocketTimeoutException
                ? "upstream Ollama sent nothing within the read timeout"
                : "upstream connection lost: " + failure.getMessage();
        LOG.warn("Stream from upstream failed mid-answer: {}", failure.toString());
        String line = (atLineStart ? "" : "\n") + "{\"error\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(reason)) + "\"}\n";
        trailer = line.getBytes(StandardCharsets.UTF_8);
        trailerPosition = 0;
        ended = true;
        try {
            upstream.close();
        } catch (IOException ignored) {
            // the connection is already broken
        }
    }

    private int readTrailer(byte[] buffer, int offset, int length) {
        int remaining = trailer.length - trailerPosition;
        if (remaining <= 0) {
            return -1;
        }
        int n = Math.min(remaining, length);
        System.arraycopy(trailer, trailerPosition, buffer, offset, n);
        trailerPosition += n;
        return n;
    }

    private void observe(byte[] buffer, int offset, int length) {
        int lineStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '\n') {
                pendingLine.write(buffer, lineStart, i - lineStart);
                flushPendingLine();
                lineStart = i + 1;
            }
        }
        pendingLine.write(buffer, lineStart, end - lineStart);
    }

    private void flushPendingLine() {
        if (pendingLine.size() > 0) {
            byte[] line = pendingLine.toByteArray();
            pendingLine.reset();
            try {
                observer.onLine(line);
            } catch (RuntimeException e) {
                LOG.warn("Stream observer failed on a line: {}", e.toString());
            }
        }
    }
}
