package io.github.ollamaproxy.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.JsonCodec;

/**
 * A native NDJSON answer read as OpenAI server-sent events: each native line is translated as soon
 * as it has arrived, so events reach the client one by one, never buffered. Closing it closes the
 * native stream (which aborts the upstream request when the client left early).
 */
final class SseBodyStream extends InputStream {

    private static final int READ_SIZE = 8192;

    private final InputStream upstream;
    private final NativeStreamTranslator translator;
    private final JsonCodec json;
    private final SseEvents events = new SseEvents();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[READ_SIZE];
    private int readPosition;
    private int readLimit;
    private boolean upstreamEnded;
    private boolean finished;
    private byte[] pending = new byte[0];
    private int pendingPosition;

    SseBodyStream(InputStream upstream, NativeStreamTranslator translator, JsonCodec json) {
        this.upstream = upstream;
        this.translator = translator;
        this.json = json;
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
        while (pendingPosition >= pending.length && !finished) {
            translateNextLine();
            pending = events.take();
            pendingPosition = 0;
        }
        if (pendingPosition >= pending.length) {
            return -1;
        }
        int n = Math.min(length, pending.length - pendingPosition);
        System.arraycopy(pending, pendingPosition, buffer, offset, n);
        pendingPosition += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }

    private void translateNextLine() throws IOException {
        byte[] next = nextLine();
        if (next == null) {
            translator.onEarlyEnd(events);
            finished = true;
            return;
        }
        ObjectNode object = json.readUpstreamObject(next);
        if (object != null && !translator.onLine(object, events)) {
            finished = true;
        }
    }

    /** The next non-empty native line, or null at the end of the stream. */
    private byte[] nextLine() throws IOException {
        while (true) {
            while (readPosition < readLimit) {
                byte b = readBuffer[readPosition++];
                if (b == '\n') {
                    if (line.size() > 0) {
                        return takeLine();
                    }
                } else {
                    line.write(b);
                }
            }
            if (upstreamEnded) {
                return line.size() > 0 ? takeLine() : null;
            }
            readLimit = upstream.read(readBuffer, 0, readBuffer.length);
            readPosition = 0;
            if (readLimit < 0) {
                readLimit = 0;
                upstreamEnded = true;
            }
        }
    }

    private byte[] takeLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        return bytes;
    }
}
