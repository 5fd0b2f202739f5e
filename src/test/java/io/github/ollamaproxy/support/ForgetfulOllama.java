package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Ollama that answers one request per connection and then, a moment later, closes the
 * connection without saying so (no {@code Connection: close}): what an upstream with a short
 * idle-connection limit, a restart or a load balancer does to a client's pooled connections. It
 * knows the model {@value #MODEL} and answers every chat with the same message.
 */
public final class ForgetfulOllama extends RawSocketUpstream {

    /** The one model it has. */
    public static final String MODEL = "forgetful";

    private static final long CLOSE_AFTER_MILLIS = 100;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger chats = new AtomicInteger();

    public ForgetfulOllama() {
        super("forgetful-ollama");
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Chat requests answered so far. */
    public int chats() {
        return chats.get();
    }

    @Override
    void handle(Socket socket) {
        connections.incrementAndGet();
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = RawUpstream.readHead(in);
            if (head == null) {
                return;
            }
            in.readNBytes(RawUpstream.contentLength(head));
            if (head.startsWith("GET /api/tags")) {
                RawUpstream.answer(out, "{\"models\":[{\"name\":\"" + MODEL + ":latest\",\"model\":\"" + MODEL
                        + ":latest\"}]}");
            } else {
                chats.incrementAndGet();
                RawUpstream.answer(out, "{\"model\":\"" + MODEL + "\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"Remembered nothing.\"},\"done\":true,\"done_reason\":\"stop\"}");
            }
            Thread.sleep(CLOSE_AFTER_MILLIS);
        } catch (IOException e) {
            // the proxy closed first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
