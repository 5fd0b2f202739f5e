package io.github.ollamaproxy.openai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/** Server-sent events written while one native line is translated: {@code data: <json>\n\n}. */
final class SseEvents {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void data(JsonNode event) {
        out.writeBytes(DATA);
        out.writeBytes(event.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(END_OF_EVENT);
    }

    void done() {
        out.writeBytes(DONE);
    }

    /** The events written since the last call, as bytes. */
    byte[] take() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }
}
