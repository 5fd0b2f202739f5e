package io.github.ollamaproxy.rag;

import io.github.ollamaproxy.knowledge.KnowledgeBase;
import io.github.ollamaproxy.knowledge.SyncReport;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.websearch.WebSearchClient;
import org.springframework.stereotype.Component;

/**
 * The {@code /rag} endpoints: {@code GET /rag/search?q=} shows what {@code /rag} would do for a
 * question; {@code GET /rag/status} reports the knowledge base; {@code POST /rag/reindex} indexes
 * every file again.
 */
@Component("ragEndpoints")
public class RagEndpoints {

    private final CorrectiveRag rag;
    private final RagProperties properties;
    private final KnowledgeBase knowledge;
    private final WebSearchClient web;

    public RagEndpoints(CorrectiveRag rag, RagProperties properties, KnowledgeBase knowledge, WebSearchClient web) {
        this.rag = rag;
        this.properties = properties;
        this.knowledge = knowledge;
        this.web = web;
    }

    /**
     * @param q     the question
     * @param scope only the files whose path starts with this (empty or null: all)
     * @throws InvalidRequestException when there is no question
     */
    public RagSearchReport search(String q, String scope) {
        String question = q == null ? "" : q.strip();
        if (question.isEmpty()) {
            throw new InvalidRequestException("give the question in the q parameter, e.g. /rag/search?q=how+to+run",
                    "q");
        }
        return RagSearchReport.of(rag.answer(question, scope == null ? "" : scope.strip()), properties);
    }

    public KnowledgeReport status() {
        return KnowledgeReport.of(knowledge.status(), new KnowledgeReport.WebSearch(web.enabled(), web.circuitState()));
    }

    public KnowledgeReport.Sync reindex() {
        SyncReport report = knowledge.rebuild();
        return KnowledgeReport.Sync.of(report, knowledge.index().files().size(), knowledge.index().chunkCount());
    }
}
