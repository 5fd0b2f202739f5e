package io.github.ollamaproxy.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a JSON request body into memory under {@link RequestLimits}: at most the body limit,
 * counted on the inflated bytes when it came with {@code Content-Encoding: gzip} or
 * {@code deflate}, and a compressed body may not inflate beyond the inflation ratio once past
 * {@value #RATIO_CHECKED_FROM} bytes. Either way reading stops at the first byte too many, so a
 * compression bomb costs about a megabyte of memory.
 */
final class RequestBodyReader {

    /** Inflated size from which the inflation ratio is enforced: small bodies may compress very well. */
    static final int RATIO_CHECKED_FROM = 1 << 20;

    private static final int BUFFER = 16 * 1024;

    private final long maxBytes;
    private final int maxRatio;

    RequestBodyReader(RequestLimits limits) {
        this.maxBytes = limits.maxRequestBody().toBytes();
        this.maxRatio = limits.maxInflationRatio();
    }

    /** A body the proxy will not take, with the answer to give. */
    static final class RefusedBody extends Exception {

        private final transient ApiError error;

        RefusedBody(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "request body is larger than the limit of " + maxBytes + " bytes",
                "request_too_large", null);
    }

    /**
     * The whole body; a declared length over the limit is refused before anything is read.
     *
     * @param encoding {@code ""}, {@code gzip}, {@code x-gzip} or {@code deflate}
     * @param declared the declared length, or -1
     * @throws RefusedBody when the body is too large, inflates too much or does not inflate
     */
    byte[] read(InputStream body, String encoding, long declared) throws IOException, RefusedBody {
        if (declared > maxBytes) {
            throw new RefusedBody(tooLarge());
        }
        CountingInputStream compressed = new CountingInputStream(body);
        boolean inflating = !encoding.isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                !inflating && declared > 0 ? (int) Math.min(declared, RATIO_CHECKED_FROM) : BUFFER);
        try (InputStream in = inflating ? inflater(encoding, compressed) : compressed) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                if (out.size() > maxBytes) {
                    throw new RefusedBody(tooLarge());
                }
                if (inflating && out.size() > RATIO_CHECKED_FROM && out.size() > (long) maxRatio * compressed.count()) {
                    throw new RefusedBody(new ApiError(413, "the " + encoding + " request body inflates to more than "
                            + maxRatio + " times its size", "request_too_large", null));
                }
            }
        } catch (ZipException | EOFException e) {
            if (!inflating) {
                throw e;
            }
            throw new RefusedBody(new ApiError(400, "the request body is not valid " + encoding + ": " + e.getMessage(),
                    "invalid_content_encoding", null));
        }
        return out.toByteArray();
    }

    private static InputStream inflater(String encoding, InputStream in) throws IOException {
        return encoding.equals("deflate") ? new InflaterInputStream(in) : new GZIPInputStream(in);
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        long count() {
            return count;
        }
    }
}
