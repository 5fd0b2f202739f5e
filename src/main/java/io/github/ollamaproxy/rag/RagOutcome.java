package io.github.ollamaproxy.rag;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.websearch.WebSearchOutcome;

/**
 * What corrective RAG found for a question.
 *
 * @param question    the question
 * @param terms       its search terms
 * @param action      the action taken
 * @param confidence  the evaluator's confidence in the local knowledge (its best chunk), 0 to 1
 * @param assessments the retrieved chunks, in retrieval order
 * @param refined     the chunks refined into strips
 * @param strips      the strips kept from them ({@link Strip#source()} indexes {@code refined})
 * @param web         the web search, {@link WebSearchOutcome.Status#NOT_NEEDED} when the action was correct
 * @param sources     the sources given to the model, numbered from 1 in this order
 * @param millis      the time it took
 */
public record RagOutcome(String question, Set<String> terms, RagAction action, double confidence,
        List<ChunkAssessment> assessments, List<Chunk> refined, List<Strip> strips, WebSearchOutcome web,
        List<RagSource> sources, long millis) {

    /** The value of the {@code X-Ollama-Proxy-Rag} response header. */
    public String headerValue() {
        StringBuilder value = new StringBuilder("action=").append(action.label())
                .append("; confidence=").append(String.format(Locale.ROOT, "%.2f", confidence))
                .append("; sources=").append(sources.size());
        if (web.status() != WebSearchOutcome.Status.NOT_NEEDED) {
            value.append("; web=").append(web.status().label());
        }
        return value.toString();
    }
}
