package io.github.ollamaproxy.web;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.apache.catalina.connector.RequestFacade;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection under a request served by Tomcat's NIO connector over plain HTTP/1.1: its
 * socket channel, and Tomcat's wrapper of it to hand back bytes read ahead. Tomcat does not watch a
 * connection while a request is processed asynchronously, so a client that leaves goes unnoticed
 * until something is written; {@link ClientSocketWatch} watches it instead. Reaching the socket
 * takes two non-public accessors of Tomcat; when they are not there (another Tomcat version,
 * another server, TLS), there is no connection and a client that leaves is noticed at the next write.
 *
 * @param channel the client's socket
 * @param wrapper Tomcat's wrapper of it
 */
record TomcatConnection(SocketChannel channel, SocketWrapperBase<?> wrapper) {

    private static final Logger LOG = LoggerFactory.getLogger(TomcatConnection.class);
    private static final Accessors ACCESSORS = Accessors.find();

    /** The connection of this request, when it can be watched. */
    static Optional<TomcatConnection> of(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        if (ACCESSORS == null || !(unwrapped instanceof RequestFacade facade)) {
            return Optional.empty();
        }
        try {
            org.apache.catalina.connector.Request request1 =
                    (org.apache.catalina.connector.Request) ACCESSORS.facadeRequest().get(facade);
            Object processor = ACCESSORS.hook().get(request1.getCoyoteRequest());
            if (processor == null || !ACCESSORS.processor().isInstance(processor)) {
                return Optional.empty();
            }
            SocketWrapperBase<?> wrapper = (SocketWrapperBase<?>) ACCESSORS.socketWrapper().invoke(processor);
            Object socket = wrapper == null ? null : wrapper.getSocket();
            return socket != null && socket.getClass() == NioChannel.class
                    ? Optional.of(new TomcatConnection(((NioChannel) socket).getIOChannel(), wrapper))
                    : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Hands bytes read from the socket back to Tomcat, as the start of the next request. */
    void unRead(ByteBuffer bytes) {
        wrapper.unRead(bytes);
    }

    /** The non-public accessors. */
    private record Accessors(Field facadeRequest, Field hook, Class<?> processor, Method socketWrapper) {

        static Accessors find() {
            try {
                Field facadeRequest = RequestFacade.class.getDeclaredField("request");
                facadeRequest.setAccessible(true);
                Field hook = org.apache.coyote.Request.class.getDeclaredField("hook");
                hook.setAccessible(true);
                Class<?> processor = Class.forName("org.apache.coyote.AbstractProcessor");
                Method socketWrapper = processor.getDeclaredMethod("getSocketWrapper");
                socketWrapper.setAccessible(true);
                return new Accessors(facadeRequest, hook, processor, socketWrapper);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.info("Client disconnects are noticed at the next write only: Tomcat's connection is not "
                        + "reachable here ({})", e.toString());
                return null;
            }
        }
    }
}
