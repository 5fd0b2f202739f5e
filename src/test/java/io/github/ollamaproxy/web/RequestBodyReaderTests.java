package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Random;

import io.github.ollamaproxy.support.Compression;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The body limit, counted after inflating, and the inflation ratio that stops compression bombs early. */
class RequestBodyReaderTests {

    private static final int MB = 1024 * 1024;

    private final RequestBodyReader reader = new RequestBodyReader(new RequestLimits(DataSize.ofMegabytes(8), 200));

    @Test
    void aPlainBodyUpToTheLimitIsReadWhole() throws Exception {
        byte[] body = random(8 * MB);

        assertThat(reader.read(new ByteArrayInputStream(body), "", body.length)).isEqualTo(body);
    }

    @Test
    void oneByteOverTheLimitIsRefused() {
        byte[] body = random(8 * MB + 1);

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(body), "", -1))
                .isInstanceOfSatisfying(RequestBodyReader.RefusedBody.class, refused -> {
                    assertThat(refused.error().status()).isEqualTo(413);
                    assertThat(refused.error().message()).isEqualTo("request body is larger than the limit of 8388608 bytes");
                });
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        ByteArrayInputStream nothingRead = new ByteArrayInputStream(new byte[10]);

        assertThatThrownBy(() -> reader.read(nothingRead, "", 9L * MB))
                .isInstanceOf(RequestBodyReader.RefusedBody.class);
        assertThat(nothingRead.available()).isEqualTo(10);
    }

    @Test
    void compressedBodiesInflateUnderTheLimit() throws Exception {
        byte[] body = random(6 * MB);

        assertThat(reader.read(new ByteArrayInputStream(Compression.gzip(body)), "gzip", -1)).isEqualTo(body);
        assertThat(reader.read(new ByteArrayInputStream(Compression.deflate(body)), "deflate", -1)).isEqualTo(body);
    }

    @Test
    void smallBodiesMayCompressAsWellAsTheyLike() throws Exception {
        byte[] zeros = new byte[RequestBodyReader.RATIO_CHECKED_FROM];

        assertThat(reader.read(new ByteArrayInputStream(Compression.gzip(zeros)), "gzip", -1)).hasSize(zeros.length);
    }

    @Test
    void aBombStopsAtTheRatioAfterAboutAMegabyte() {
        byte[] bomb = Compression.gzippedZeros(256L * MB);
        CountingStream sent = new CountingStream(bomb);

        assertThatThrownBy(() -> reader.read(sent, "gzip", bomb.length))
                .isInstanceOfSatisfying(RequestBodyReader.RefusedBody.class, refused -> {
                    assertThat(refused.error().status()).isEqualTo(413);
                    assertThat(refused.error().message()).isEqualTo("the gzip request body inflates to more than 200 times its size");
                });
        assertThat(sent.consumed()).isLessThan(64 * 1024);
    }

    @Test
    void aBodyThatDoesNotInflateIsA400() {
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream("{}".getBytes()), "gzip", 2))
                .isInstanceOfSatisfying(RequestBodyReader.RefusedBody.class, refused -> {
                    assertThat(refused.error().status()).isEqualTo(400);
                    assertThat(refused.error().message()).startsWith("the request body is not valid gzip");
                });
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A body that remembers how much of it was read. */
    private static final class CountingStream extends ByteArrayInputStream {

        private final int size;

        CountingStream(byte[] bytes) {
            super(bytes);
            this.size = bytes.length;
        }

        int consumed() {
            return size - available();
        }
    }
}
