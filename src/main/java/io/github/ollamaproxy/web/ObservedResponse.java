package io.github.ollamaproxy.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that tells when the first byte of its body is written and when its body is closed.
 * Closing the body is what lets the client see the end of the answer, so whatever the end action
 * releases is free again before the client can send its next request; {@link #end()} runs it for
 * answers whose body was never closed. Each action runs once.
 */
public final class ObservedResponse extends HttpServletResponseWrapper {

    private final Runnable firstByte;
    private final Runnable end;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean wrote;
    private ServletOutputStream stream;
    private PrintWriter writer;

    private ObservedResponse(HttpServletResponse response, Runnable firstByte, Runnable end) {
        super(response);
        this.firstByte = firstByte;
        this.end = end;
    }

    /** A response that runs {@code action} when the first byte of its body is written. */
    public static ObservedResponse onFirstByte(HttpServletResponse response, Runnable action) {
        return new ObservedResponse(response, action, () -> { });
    }

    /** A response that runs {@code action} just before its body is closed, or at {@link #end()}. */
    public static ObservedResponse onEnd(HttpServletResponse response, Runnable action) {
        return new ObservedResponse(response, () -> { }, action);
    }

    /** Runs the end action unless it ran already. */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            end.run();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream target = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    wrote();
                    target.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (length > 0) {
                        wrote();
                    }
                    target.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    end();
                    target.close();
                }

                @Override
                public boolean isReady() {
                    return target.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    target.setWriteListener(listener);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(super.getWriter()) {
                @Override
                public void write(String text, int offset, int length) {
                    if (length > 0) {
                        wrote();
                    }
                    super.write(text, offset, length);
                }

                @Override
                public void close() {
                    end();
                    super.close();
                }
            };
        }
        return writer;
    }

    private void wrote() {
        if (!wrote) {
            wrote = true;
            firstByte.run();
        }
    }
}
