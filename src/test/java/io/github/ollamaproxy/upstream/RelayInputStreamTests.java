package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RelayInputStreamTests {

    @Test
    void relaysBytesUnchangedAndReportsCompleteLines() throws IOException {
        List<String> lines = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        InputStream upstream = new TrickleStream("{\"a\":1}\n{\"b\":", "2}\n", "{\"c\":3}");

        RelayInputStream relay = new RelayInputStream(upstream, true, observer(lines, ends), null);
        String relayed = new String(relay.readAllBytes(), StandardCharsets.UTF_8);

        assertThat(relayed).isEqualTo("{\"a\":1}\n{\"b\":2}\n{\"c\":3}");
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(ends).hasValue(1);
    }

    @Test
    void brokenNdjsonStreamEndsWithAnErrorLine() throws IOException {
        List<String> lines = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        InputStream upstream = new SequenceInputStream(bytes("{\"a\":1}\n{\"partial\":"),
                failing(new IOException("Connection reset")));

        RelayInputStream relay = new RelayInputStream(upstream, true, observer(lines, ends), null);
        String relayed = new String(relay.readAllBytes(), StandardCharsets.UTF_8);

        assertThat(relayed).isEqualTo("{\"a\":1}\n{\"partial\":\n{\"error\":\"upstream connection lost: Connection reset\"}\n");
        assertThat(ends).hasValue(0);
    }

    @Test
    void readTimeoutIsNamedInTheErrorLine() throws IOException {
        InputStream upstream = new SequenceInputStream(bytes("{\"a\":1}\n"), failing(new SocketTimeoutException("Read timed out")));

        String relayed = new String(new RelayInputStream(upstream, true, null, null).readAllBytes(), StandardCharsets.UTF_8);

        assertThat(relayed).endsWith("\n{\"error\":\"upstream Ollama sent nothing within the read timeout\"}\n");
    }

    @Test
    void brokenWholeBodyIsNotPatched() {
        InputStream upstream = new SequenceInputStream(bytes("{\"a\":"), failing(new IOException("reset")));
        RelayInputStream relay = new RelayInputStream(upstream, false, null, null);

        assertThatThrownBy(relay::readAllBytes).isInstanceOf(IOException.class).hasMessage("reset");
    }

    @Test
    void closingBeforeTheEndClosesTheUpstream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream upstream = new ByteArrayInputStream(bytes("{\"a\":1}\n{\"b\":2}\n").readAllBytes()) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        RelayInputStream relay = new RelayInputStream(upstream, true, null, null);
        relay.read(new byte[4]);

        relay.close();

        assertThat(closed).isTrue();
    }

    private static RelayInputStream.LineObserver observer(List<String> lines, AtomicInteger ends) {
        return new RelayInputStream.LineObserver() {
            @Override
            public void onLine(byte[] line) {
                lines.add(new String(line, StandardCharsets.UTF_8));
            }

            @Override
            public void onEnd() {
                ends.incrementAndGet();
            }
        };
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw failure;
            }
        };
    }

    /** Returns its parts one read at a time, as a network stream does. */
    private static final class TrickleStream extends InputStream {
        private final List<byte[]> parts = new ArrayList<>();

        TrickleStream(String... parts) {
            for (String part : parts) {
                this.parts.add(part.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (parts.isEmpty()) {
                return -1;
            }
            byte[] part = parts.remove(0);
            System.arraycopy(part, 0, buffer, offset, part.length);
            return part.length;
        }
    }
}
