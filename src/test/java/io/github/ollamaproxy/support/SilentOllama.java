package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An Ollama that falls silent, and notices when the proxy closes the connection while it is: the
 * way a real Ollama notices that a client left and stops generating. It answers {@code /api/tags}
 * with the models {@value #SILENT} and {@value #QUIET}; a chat or generate request for
 * {@value #SILENT} gets no byte at all, one for {@value #QUIET} gets the headers and one streamed
 * line; then it waits until the proxy closes the connection and records when.
 */
public final class SilentOllama extends RawSocketUpstream {

    /** Silent before the first byte (a model loading, a long prompt being processed). */
    public static final String SILENT = "silent";

    /** One line, then silent (a stream gone quiet). */
    public static final String QUIET = "quiet";

    private final BlockingQueue<Long> closes = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> silences = new LinkedBlockingQueue<>();

    public SilentOllama() {
        super("silent-ollama");
    }

    /** The path of the next request that fell silent, waiting at most {@code timeout}. */
    public String awaitSilence(Duration timeout) throws InterruptedException {
        return silences.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When ({@link System#nanoTime()}) the proxy closed a silent connection, waiting at most {@code timeout}. */
    public Long awaitClose(Duration timeout) throws InterruptedException {
        return closes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = RawUpstream.readHead(in);
                if (head == null) {
                    return;
                }
                String path = head.split(" ")[1];
                String body = new String(in.readNBytes(RawUpstream.contentLength(head)), StandardCharsets.UTF_8);
                if (path.equals("/api/tags")) {
                    RawUpstream.answer(out, "{\"models\":[{\"name\":\"silent:latest\",\"model\":\"silent:latest\"},"
                            + "{\"name\":\"quiet:latest\",\"model\":\"quiet:latest\"}]}");
                    continue;
                }
                if (body.contains("\"" + QUIET + "\"")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] line = "{\"model\":\"quiet\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"
                            .getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(line);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                silences.add(path);
                while (in.read() >= 0) {
                    // a well-behaved proxy sends nothing more on this connection
                }
                closes.add(System.nanoTime());
                return;
            }
        } catch (IOException e) {
            closes.add(System.nanoTime());
        }
    }
}
