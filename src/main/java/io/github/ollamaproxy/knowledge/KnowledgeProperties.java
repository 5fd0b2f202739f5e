package io.github.ollamaproxy.knowledge;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The knowledge base that {@code /rag} retrieves from.
 *
 * @param dir            folder of Markdown, text, HTML and PDF files, searched recursively
 * @param watch          pick up added, changed and deleted files while running
 * @param chunkWords     target size of a chunk, in words
 * @param overlapWords   words a chunk repeats from the end of the previous one in its section
 * @param embeddingModel Ollama model for dense retrieval (e.g. {@code nomic-embed-text}); empty for
 *                       BM25 only
 */
@ConfigurationProperties("ollama-proxy.rag.knowledge")
public record KnowledgeProperties(
        @DefaultValue("knowledge-base") Path dir,
        @DefaultValue("true") boolean watch,
        @DefaultValue("250") int chunkWords,
        @DefaultValue("40") int overlapWords,
        @DefaultValue("") String embeddingModel) {

    public KnowledgeProperties {
        if (chunkWords < 20 || overlapWords < 0 || overlapWords >= chunkWords) {
            throw new IllegalArgumentException("ollama-proxy.rag.knowledge: chunk-words at least 20 and "
                    + "overlap-words below it");
        }
    }
}
