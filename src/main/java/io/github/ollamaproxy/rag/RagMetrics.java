package io.github.ollamaproxy.rag;

import java.util.EnumMap;
import java.util.Map;

import io.github.ollamaproxy.knowledge.KnowledgeBase;
import io.github.ollamaproxy.websearch.WebSearchClient;
import io.github.ollamaproxy.websearch.WebSearchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The meters of {@code /rag}: the retrieval timer, actions taken, web searches by outcome, the
 * circuit breaker's state (0 closed, 1 open, 2 half-open, 3 other) and the index size.
 */
@Component
public class RagMetrics {

    private final Timer retrieval;
    private final Map<RagAction, Counter> actions = new EnumMap<>(RagAction.class);
    private final Map<WebSearchOutcome.Status, Counter> searches = new EnumMap<>(WebSearchOutcome.Status.class);

    public RagMetrics(MeterRegistry registry, KnowledgeBase knowledge, WebSearchClient web) {
        retrieval = Timer.builder("ollama.proxy.rag.retrieval")
                .description("Corrective RAG per question: retrieval, evaluation, refinement and web search")
                .publishPercentiles(0.5, 0.99).register(registry);
        for (RagAction action : RagAction.values()) {
            actions.put(action, Counter.builder("ollama.proxy.rag.actions").tag("action", action.label())
                    .description("Questions by corrective action").register(registry));
        }
        for (WebSearchOutcome.Status status : WebSearchOutcome.Status.values()) {
            if (status != WebSearchOutcome.Status.NOT_NEEDED) {
                searches.put(status, Counter.builder("ollama.proxy.rag.web.searches").tag("outcome", status.label())
                        .description("Web searches by outcome").register(registry));
            }
        }
        Gauge.builder("ollama.proxy.rag.web.circuit", web, client -> switch (client.breaker().getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        }).description("Web search circuit breaker: 0 closed, 1 open, 2 half-open, 3 other").register(registry);
        Gauge.builder("ollama.proxy.rag.index.chunks", knowledge, base -> base.index().chunkCount())
                .description("Chunks in the knowledge index").register(registry);
        Gauge.builder("ollama.proxy.rag.index.documents", knowledge, base -> base.index().files().size())
                .description("Files in the knowledge index").register(registry);
    }

    Timer retrieval() {
        return retrieval;
    }

    void record(RagOutcome outcome) {
        actions.get(outcome.action()).increment();
        Counter search = searches.get(outcome.web().status());
        if (search != null) {
            search.increment();
        }
    }
}
