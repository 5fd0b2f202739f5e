package io.github.ollamaproxy.knowledge;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamException;
import org.springframework.stereotype.Component;

/**
 * Vectors for dense retrieval from Ollama's {@code /api/embed}, with the configured embedding
 * model, in batches.
 */
@Component
public class KnowledgeEmbeddings {

    private static final int BATCH = 32;

    private final String model;
    private final UpstreamClient upstream;

    public KnowledgeEmbeddings(KnowledgeProperties properties, UpstreamClient upstream) {
        this.model = properties.embeddingModel() == null ? "" : properties.embeddingModel().strip();
        this.upstream = upstream;
    }

    /** Whether an embedding model is configured. */
    public boolean enabled() {
        return !model.isEmpty();
    }

    /** The configured model, empty when dense retrieval is off. */
    public String model() {
        return model;
    }

    /**
     * One vector per text, in order.
     *
     * @throws UpstreamException when Ollama fails or answers with something else than vectors
     */
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += BATCH) {
            List<String> batch = texts.subList(start, Math.min(texts.size(), start + BATCH));
            ObjectNode request = upstream.newObject().put("model", model);
            ArrayNode input = request.putArray("input");
            batch.forEach(input::add);
            JsonNode embeddings = upstream.post("/api/embed", request).path("embeddings");
            if (!embeddings.isArray() || embeddings.size() != batch.size()) {
                throw new UpstreamException(200, "/api/embed with " + model + " did not answer one vector per input");
            }
            for (JsonNode embedding : embeddings) {
                vectors.add(vector(embedding));
            }
        }
        return vectors;
    }

    private float[] vector(JsonNode embedding) {
        if (embedding.isEmpty() || embedding.size() > KnowledgeIndex.MAX_VECTOR_DIMENSIONS) {
            throw new UpstreamException(200, model + " gives vectors of " + embedding.size()
                    + " dimensions; dense retrieval supports 1 to " + KnowledgeIndex.MAX_VECTOR_DIMENSIONS);
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) embedding.get(i).asDouble();
        }
        return vector;
    }
}
