package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * {@code HEAD} and {@code POST /api/blobs/sha256:<hex>}: uploads are streamed through SHA-256 and
 * only their digest is kept.
 */
final class BlobHandler {

    static final String PATH_PREFIX = "/api/blobs/";
    private static final Pattern DIGEST = Pattern.compile("sha256[:-][0-9a-f]{64}");

    private final OllamaSimulator simulator;

    BlobHandler(OllamaSimulator simulator) {
        this.simulator = simulator;
    }

    void handle(SimExchange exchange, InputStream body) throws IOException {
        String digest = exchange.request().path().substring(PATH_PREFIX.length());
        if (!DIGEST.matcher(digest).matches()) {
            throw new SimulatorError(400, "invalid digest format");
        }
        String hex = digest.substring("sha256:".length());
        switch (exchange.request().method()) {
            case "HEAD" -> exchange.sendEmpty(simulator.hasBlob(hex) ? 200 : 404);
            case "POST" -> upload(exchange, body, hex);
            default -> exchange.sendText(405, "405 method not allowed");
        }
    }

    private void upload(SimExchange exchange, InputStream body, String expected) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (DigestInputStream in = new DigestInputStream(body, sha256)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        simulator.recordBlobUpload(size);
        if (!actual.equals(expected)) {
            throw new SimulatorError(400, "digest mismatch, expected \"sha256:" + expected + "\", got \"sha256:"
                    + actual + "\"");
        }
        boolean existed = !simulator.storeBlob(actual);
        exchange.sendEmpty(existed ? 200 : 201);
    }
}
