package io.github.ollamaproxy.knowledge;

import java.time.Instant;

/**
 * What the index knows of one knowledge-base file, to tell whether it changed since.
 *
 * @param path           relative path with {@code /} separators
 * @param sha256         hash of the content
 * @param size           size in bytes
 * @param modified       last-modified time in milliseconds
 * @param chunks         how many chunks it gave
 * @param embeddingModel the model its vectors come from, empty when it has none
 * @param indexedAt      when it was indexed
 */
public record IndexedFile(String path, String sha256, long size, long modified, int chunks, String embeddingModel,
        Instant indexedAt) {
}
