package io.github.ollamaproxy.models;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * The context length each model was trained for ({@code <architecture>.context_length} in the
 * {@code model_info} of Ollama's {@code /api/show}), cached per model for ten minutes; 0 when
 * unknown.
 */
@Component
public class ModelContextLengths {

    private static final Duration TTL = Duration.ofMinutes(10);
    private static final String SUFFIX = ".context_length";

    private final UpstreamClient upstream;
    private final LoadingCache<String, Integer> lengths;

    public ModelContextLengths(UpstreamClient upstream, MeterRegistry registry) {
        this.upstream = upstream;
        this.lengths = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1000).recordStats().build(this::load);
        CaffeineCacheMetrics.monitor(registry, lengths, "ollama-proxy-model-context-lengths");
    }

    /** The model's context length, or 0 when Ollama does not say. */
    public int of(String model) {
        return lengths.get(ModelNames.canonical(model));
    }

    private Integer load(String model) {
        try {
            JsonNode info = upstream.post("/api/show", upstream.newObject().put("model", model)).path("model_info");
            for (Iterator<Map.Entry<String, JsonNode>> fields = info.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().endsWith(SUFFIX) && field.getValue().canConvertToInt()) {
                    return field.getValue().asInt();
                }
            }
        } catch (UpstreamException e) {
            return 0;
        }
        return 0;
    }
}
