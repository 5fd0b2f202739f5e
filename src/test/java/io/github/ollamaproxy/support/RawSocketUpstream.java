package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A fake upstream on a raw server socket on 127.0.0.1: every accepted connection is handed to
 * {@link #handle} on a thread of its own, so a test upstream can misbehave at the byte level.
 */
abstract class RawSocketUpstream implements AutoCloseable {

    private final ServerSocket server;

    RawSocketUpstream(String name) {
        try {
            server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> acceptForever(name), name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Serves one accepted connection. */
    abstract void handle(Socket socket);

    private void acceptForever(String name) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> handle(socket), name + "-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
