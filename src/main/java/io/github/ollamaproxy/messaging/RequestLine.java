package io.github.ollamaproxy.messaging;

/**
 * Where a request of a JSONL file came from: its line, and the {@code custom_id} the line gave it (OpenAI's
 * batch line format), if any.
 *
 * @param number   the line number, from 1
 * @param text     the line as it was in the file
 * @param customId the line's {@code custom_id}, or {@code null}
 */
public record RequestLine(long number, String text, String customId) {
}
