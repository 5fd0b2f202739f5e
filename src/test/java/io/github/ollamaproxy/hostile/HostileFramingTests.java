package io.github.ollamaproxy.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.ollamaproxy.support.Compression;
import io.github.ollamaproxy.support.HostileRequest;
import io.github.ollamaproxy.web.ErrorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile framing and encoding, sent byte for byte: headers and request lines over the size
 * limit, broken {@code Content-Length} and {@code Transfer-Encoding}, bodies over the body limit
 * (1 MB in the tests) declared or chunked, compressed bodies that do not inflate, encodings the
 * proxy does not take, and compression bombs, which stop at the limit. Each is refused with its
 * own status in the called API's shape and nothing reaches Ollama.
 */
class HostileFramingTests extends HostileRequestTest {

    private static final String CHAT = "/api/chat";
    private static final String OPENAI_CHAT = "/v1/chat/completions";
    private static final String SMALL_CHAT = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final int LIMIT = 1024 * 1024;

    static Stream<HostileRequest> oversizedHeadersAndRequestLines() {
        return Stream.of(
                HostileRequest.of("GET", "/api/tags").header("X-Big: " + "a".repeat(20_000))
                        .expect(431, "request headers are larger than the limit").as("one 20 KB header"),
                HostileRequest.of("GET", "/v1/models").header("X-Big: " + "a".repeat(20_000))
                        .expect(431, "request headers are larger than the limit").as("one 20 KB header on /v1"),
                manyHeaders(150).expect(431, "more headers than the server accepts").as("150 headers"),
                HostileRequest.of("GET", "/api/tags?" + "a".repeat(20_000))
                        .expect(414, "request line (URL) is longer than the limit").as("a 20 KB query"),
                HostileRequest.of("GET", "/rag/search?q=" + "a".repeat(100_000))
                        .expect(414, "request line (URL) is longer than the limit").as("a 100 KB question to /rag/search"),
                HostileRequest.of("GET", "/v1/models/" + "m".repeat(30_000)).shape(ErrorShape.NATIVE)
                        .expect(414, "request line (URL) is longer than the limit").as("a 30 KB model id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oversizedHeadersAndRequestLines(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> brokenFraming() {
        return Stream.of(
                json(CHAT, SMALL_CHAT).header("Transfer-Encoding: foo").framedByHeaders()
                        .expect(501, "Transfer-Encoding").as("Transfer-Encoding: foo"),
                json(OPENAI_CHAT, SMALL_CHAT).header("Transfer-Encoding: gzip, chunked").framedByHeaders()
                        .expect(501, "Transfer-Encoding").as("Transfer-Encoding: gzip, chunked on /v1"),
                json(CHAT, SMALL_CHAT).header("Content-Length: abc").framedByHeaders()
                        .expect(400, "could not be parsed").as("Content-Length: abc"),
                json(CHAT, SMALL_CHAT).header("Content-Length: -5").framedByHeaders()
                        .expect(400, "could not be parsed").as("Content-Length: -5"),
                json(CHAT, SMALL_CHAT).header("Content-Length: 10").header("Content-Length: 20").framedByHeaders()
                        .expect(400, "could not be parsed").as("two different Content-Lengths"),
                json(CHAT, "5\r\nhello\r\n0\r\n\r\n").header("Content-Length: 20").header("Transfer-Encoding: chunked")
                        .framedByHeaders().expect(400, "invalid JSON").as("Content-Length with chunked: the chunks are the body"),
                json(CHAT, SMALL_CHAT).header("Bad Header: x").expect(400, "could not be parsed").as("a space in a header name"),
                json(CHAT, SMALL_CHAT).header("NoColonHere").expect(400, "could not be parsed").as("a header without a colon"),
                json(CHAT, "zz\r\n{}\r\n0\r\n\r\n").header("Transfer-Encoding: chunked").framedByHeaders()
                        .expect(400, "the request body could not be read").as("a chunk size that is not hex"),
                HostileRequest.of("GET", "/api/tags").protocol("HTTP/2.0").expect(505, "HTTP version not supported")
                        .as("HTTP/2.0 in an HTTP/1 request line"),
                HostileRequest.of("GET", "/v1/models").protocol("HTTP/1.2").expect(505, "HTTP version not supported")
                        .as("HTTP/1.2 on /v1"),
                HostileRequest.of("CONNECT", "127.0.0.1:11434").shape(ErrorShape.NATIVE).expect(501, "CONNECT")
                        .as("CONNECT to the upstream's port"),
                HostileRequest.of("GET", "http://evil.example/api/version").shape(ErrorShape.NATIVE)
                        .expect(400, "could not be parsed").as("an absolute URL naming another host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void brokenFraming(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> bodiesOverTheLimit() {
        byte[] large = padded(LIMIT + 1000);
        return Stream.of(
                json(CHAT, SMALL_CHAT).header("Content-Length: " + (LIMIT * 2)).framedByHeaders()
                        .expect(413, "larger than the limit").as("a declared length over the limit, refused before reading"),
                json(OPENAI_CHAT, SMALL_CHAT).header("Content-Length: 99999999999").framedByHeaders()
                        .expect(413, "larger than the limit").as("a declared length of 100 GB on /v1"),
                HostileRequest.of("POST", CHAT).header("Content-Type: application/json").body(large)
                        .expect(413, "larger than the limit").as("a body just over the limit"),
                HostileRequest.of("POST", CHAT).header("Content-Type: application/json").header("Transfer-Encoding: chunked")
                        .framedByHeaders().body(chunked(large)).expect(413, "larger than the limit")
                        .as("a chunked body over the limit"),
                HostileRequest.of("POST", "/api/generate").header("Content-Type: application/json")
                        .header("Transfer-Encoding: chunked").framedByHeaders().body(chunked(large))
                        .expect(413, "larger than the limit").as("a chunked body over the limit on generate"),
                HostileRequest.of("POST", "/api/show").header("Content-Type: application/json").body(large)
                        .expect(413, "larger than the limit").as("a body over the limit on a forwarded endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bodiesOverTheLimit(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> compressedBodies() {
        byte[] gzip = Compression.gzip(SMALL_CHAT.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        return Stream.of(
                encoded(CHAT, "gzip", SMALL_CHAT.getBytes(StandardCharsets.UTF_8))
                        .expect(400, "not valid gzip").as("plain JSON labelled gzip"),
                encoded(OPENAI_CHAT, "gzip", SMALL_CHAT.getBytes(StandardCharsets.UTF_8))
                        .expect(400, "not valid gzip").as("plain JSON labelled gzip on /v1"),
                encoded(CHAT, "x-gzip", new byte[] {0x1f, (byte) 0x8b, 9, 9, 9})
                        .expect(400, "not valid x-gzip").as("a broken gzip header"),
                encoded(CHAT, "gzip", truncated).expect(400, "not valid gzip").as("a truncated gzip body"),
                encoded(CHAT, "deflate", "not deflated".getBytes(StandardCharsets.UTF_8))
                        .expect(400, "not valid deflate").as("plain text labelled deflate"),
                encoded(CHAT, "br", gzip).expect(415, "Content-Encoding br is not supported").as("brotli"),
                encoded(OPENAI_CHAT, "compress", gzip).expect(415, "Content-Encoding compress is not supported")
                        .as("compress on /v1"),
                encoded(CHAT, "gzip, gzip", gzip).expect(415, "is not supported").as("two encodings"),
                encoded(CHAT, "gzip", Compression.gzippedZeros(64L * LIMIT)).expect(413, "larger than the limit")
                        .as("a gzip bomb: 64 MB of zeros"),
                encoded(OPENAI_CHAT, "gzip", Compression.members(Compression.gzippedZeros(8L * LIMIT), 8)).expect(413, "larger than the limit")
                        .as("a gzip bomb of 8 members on /v1"),
                encoded("/api/embed", "deflate", Compression.deflate(new byte[16 * LIMIT])).expect(413, "larger than the limit")
                        .as("a deflate bomb on embed"),
                encoded("/api/show", "gzip", Compression.gzippedZeros(4L * LIMIT)).expect(413, "larger than the limit")
                        .as("a gzip bomb on a forwarded endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void compressedBodies(HostileRequest request) {
        assertRefused(request);
    }

    private static HostileRequest json(String path, String body) {
        return HostileRequest.of("POST", path).header("Content-Type: application/json")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static HostileRequest encoded(String path, String encoding, byte[] body) {
        return HostileRequest.of("POST", path).header("Content-Type: application/json").header("Content-Encoding: " + encoding)
                .body(body);
    }

    private static HostileRequest manyHeaders(int count) {
        HostileRequest request = HostileRequest.of("GET", "/api/tags");
        for (int i = 0; i < count; i++) {
            request.header("X-Header-" + i + ": " + "v".repeat(20));
        }
        return request;
    }

    /** A chat request padded with spaces to the given size. */
    private static byte[] padded(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] json = SMALL_CHAT.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int size = Math.min(8192, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
