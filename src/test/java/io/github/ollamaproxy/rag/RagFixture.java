package io.github.ollamaproxy.rag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.data.DataProperties;
import io.github.ollamaproxy.knowledge.KnowledgeBase;
import io.github.ollamaproxy.knowledge.KnowledgeEmbeddings;
import io.github.ollamaproxy.knowledge.KnowledgeProperties;
import io.github.ollamaproxy.knowledge.QuestionVocabulary;
import io.github.ollamaproxy.websearch.WebPageFetcher;
import io.github.ollamaproxy.websearch.WebSearchClient;
import io.github.ollamaproxy.websearch.WebSearchConfiguration;
import io.github.ollamaproxy.websearch.WebSearchProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.core.task.SyncTaskExecutor;

/**
 * Corrective RAG outside Spring, over a folder of documents indexed into a data folder, with no
 * embeddings, no LLM grader or rewriter and no web search: what the evaluation and the unit tests
 * of the pipeline need.
 */
final class RagFixture implements AutoCloseable {

    static final Path SHIPPED_KNOWLEDGE_BASE = Path.of("knowledge-base");

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final KnowledgeBase knowledge;
    private final CorrectiveRag rag;

    RagFixture(Path documents, Path data, RagProperties properties) {
        KnowledgeProperties knowledgeProperties = new KnowledgeProperties(documents, false, 250, 40, "");
        KnowledgeEmbeddings embeddings = new KnowledgeEmbeddings(knowledgeProperties, null);
        knowledge = new KnowledgeBase(knowledgeProperties, new DataFolder(new DataProperties(data)), embeddings,
                new SyncTaskExecutor());
        knowledge.synchronize();
        WebSearchProperties webProperties = new WebSearchProperties("", 5, 1, 1000,
                new WebSearchProperties.Breaker(5, Duration.ofSeconds(60), 3), List.of(), Duration.ofHours(1));
        WebSearchClient web = new WebSearchClient(webProperties, camel.createProducerTemplate(),
                new WebSearchConfiguration().webSearchBreaker(webProperties), new SimpleMeterRegistry());
        rag = new CorrectiveRag(properties, knowledge, embeddings, new QuestionVocabulary(knowledgeProperties),
                new RelevanceGrader(properties, null, null),
                new QueryRewriter(properties, null), web, new WebPageFetcher(webProperties, camel.createProducerTemplate()),
                new RagMetrics(new SimpleMeterRegistry(), knowledge, web));
    }

    /** The defaults of {@code ollama-proxy.rag}, with these thresholds. */
    static RagProperties properties(double upper, double lower) {
        return properties(upper, lower, "",
                new RagProperties.Rewriter("", RagProperties.Rewriter.DEFAULT_REWRITER_PROMPT));
    }

    /** The defaults of {@code ollama-proxy.rag}, with these thresholds, grader model and rewriter. */
    static RagProperties properties(double upper, double lower, String graderModel, RagProperties.Rewriter rewriter) {
        return new RagProperties(8, 5, upper, lower, 8, 2, RagProperties.DEFAULT_INSTRUCTIONS, Duration.ofSeconds(30),
                new RagProperties.Grader(graderModel, RagProperties.Grader.DEFAULT_GRADER_PROMPT, 3, 2000), rewriter);
    }

    /** The shipped defaults. */
    static RagProperties defaults() {
        return properties(0.6, 0.35);
    }

    KnowledgeBase knowledge() {
        return knowledge;
    }

    CorrectiveRag rag() {
        return rag;
    }

    @Override
    public void close() {
        knowledge.destroy();
        camel.stop();
    }
}
