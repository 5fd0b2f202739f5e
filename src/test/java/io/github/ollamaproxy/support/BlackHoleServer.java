package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server on 127.0.0.1 that accepts connections and never answers: a hung upstream. */
public final class BlackHoleServer extends RawSocketUpstream {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public BlackHoleServer() {
        super("black-hole");
    }

    @Override
    void handle(Socket socket) {
        accepted.add(socket);
    }

    /** A port on 127.0.0.1 where nothing listens. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
