package io.github.ollamaproxy.knowledge;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code GET /rag/status} reports.
 *
 * @param dir            the knowledge-base folder
 * @param documents      files indexed
 * @param chunks         chunks searchable
 * @param lastChange     when the index last changed, {@code null} before any change
 * @param syncing        whether files are being indexed right now
 * @param lastSync       the last synchronisation, {@code null} before the first one ends
 * @param embeddingModel the model of dense retrieval, empty when it is off
 */
public record KnowledgeStatus(Path dir, int documents, int chunks, Instant lastChange, boolean syncing,
        SyncReport lastSync, String embeddingModel) {
}
