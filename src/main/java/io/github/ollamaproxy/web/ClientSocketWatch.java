package io.github.ollamaproxy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Watches the connections of requests in progress and tells their {@link ClientConnection} when the
 * client closes one, even while nothing is written to it (Ollama loading a model or reading a long
 * prompt, a stream gone quiet). One thread and one selector serve all connections; a request is
 * watched once it has run for {@value #DELAY_MILLIS} ms, so quick requests cost nothing here, and a
 * client that leaves is noticed within about {@value #DELAY_MILLIS} ms plus {@value #TICK_MILLIS} ms.
 *
 * <p>A watched connection becomes readable when the client closes it (end of stream) or, with a
 * client that pipelines requests, when it sends the next one; what is read then is handed back to
 * Tomcat, and the connection is not watched any further for this request.
 */
public class ClientSocketWatch implements DisposableBean {

    static final long DELAY_MILLIS = 250;
    static final long TICK_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ClientSocketWatch.class);

    private final Selector selector;
    private final Queue<Watched> added = new ConcurrentLinkedQueue<>();
    private final List<Watched> waiting = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ClientSocketWatch() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a selector to watch client connections", e);
        }
        thread = new Thread(this::run, "client-disconnect-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** One watched connection; {@link #stop()} when its request is complete. */
    public final class Watched {

        private final TomcatConnection connection;
        private final ClientConnection client;
        private final long since = System.nanoTime();
        private volatile boolean stopped;
        private volatile SelectionKey key;

        private Watched(TomcatConnection connection, ClientConnection client) {
            this.connection = connection;
            this.client = client;
        }

        /** The request is complete: the connection is Tomcat's again. */
        public void stop() {
            stopped = true;
            SelectionKey registered = key;
            if (registered != null) {
                registered.cancel();
            }
        }
    }

    /** Starts watching a connection for its client leaving, unless its request ends first. */
    public Watched watch(TomcatConnection connection, ClientConnection client) {
        Watched watched = new Watched(connection, client);
        added.add(watched);
        return watched;
    }

    private void run() {
        ByteBuffer probe = ByteBuffer.allocate(512);
        while (running) {
            try {
                selector.select(TICK_MILLIS);
                registerDue();
                for (SelectionKey key : selector.selectedKeys()) {
                    Watched watched = (Watched) key.attachment();
                    key.cancel();
                    if (!watched.stopped) {
                        check(watched, probe);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("Client connection watch: {}", e.toString());
                }
            }
        }
    }

    private void registerDue() {
        Watched next;
        while ((next = added.poll()) != null) {
            waiting.add(next);
        }
        long due = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
        for (Iterator<Watched> it = waiting.iterator(); it.hasNext();) {
            Watched watched = it.next();
            if (watched.stopped) {
                it.remove();
            } else if (watched.since - due <= 0) {
                it.remove();
                register(watched);
            }
        }
    }

    private void register(Watched watched) {
        try {
            watched.key = watched.connection.channel().register(selector, SelectionKey.OP_READ, watched);
            if (watched.stopped) {
                watched.key.cancel();
            }
        } catch (ClosedChannelException e) {
            watched.client.leave();
        } catch (CancelledKeyException | IllegalArgumentException e) {
            LOG.debug("Client connection watch: cannot watch {}: {}", watched.connection.channel(), e.toString());
        }
    }

    private static void check(Watched watched, ByteBuffer probe) {
        probe.clear();
        int read;
        try {
            read = watched.connection.channel().read(probe);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            watched.client.leave();
        } else if (read > 0 && !watched.stopped) {
            probe.flip();
            ByteBuffer ahead = ByteBuffer.allocate(probe.remaining()).put(probe);
            ahead.flip();
            watched.connection.unRead(ahead);
        }
    }

    @Override
    public void destroy() throws IOException {
        running = false;
        selector.wakeup();
        selector.close();
    }
}
