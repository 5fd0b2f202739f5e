package io.github.ollamaproxy.rag;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.ollamaproxy.knowledge.KnowledgeStatus;
import io.github.ollamaproxy.knowledge.SyncReport;

/**
 * What {@code GET /rag/status} answers about the knowledge base and the web search.
 *
 * @param dir            the knowledge-base folder
 * @param documents      files indexed
 * @param chunks         chunks searchable
 * @param syncing        whether files are being indexed right now
 * @param embeddingModel the model of dense retrieval, empty when it is off
 * @param lastChange     when the index last changed
 * @param lastSync       the last synchronisation
 * @param webSearch      whether the web search is on and its circuit state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeReport(String dir, int documents, int chunks, boolean syncing, String embeddingModel,
        Instant lastChange, Sync lastSync, WebSearch webSearch) {

    /**
     * One synchronisation of the index with the folder ({@link SyncReport}); after
     * {@code POST /rag/reindex} also the documents and chunks it left.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sync(Instant started, long millis, int indexed, int unchanged, int removed, int skipped,
            int failed, int chunksWritten, Integer documents, Integer chunks) {

        static Sync of(SyncReport report) {
            return of(report, null, null);
        }

        static Sync of(SyncReport report, Integer documents, Integer chunks) {
            return new Sync(report.started(), report.millis(), report.indexed(), report.unchanged(), report.removed(),
                    report.skipped(), report.failed(), report.chunks(), documents, chunks);
        }
    }

    /** The web search fallback: whether it is configured and the state of its circuit breaker. */
    public record WebSearch(boolean enabled, String circuit) {
    }

    static KnowledgeReport of(KnowledgeStatus status, WebSearch webSearch) {
        return new KnowledgeReport(status.dir().toString(), status.documents(), status.chunks(), status.syncing(),
                status.embeddingModel(), status.lastChange(), status.lastSync() == null ? null : Sync.of(status.lastSync()),
                webSearch);
    }
}
