package io.github.ollamaproxy.rag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.web.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The optional LLM grader, asked only about chunks the lexical evaluator finds ambiguous: one
 * chunk per call (capped in length), temperature 0, Ollama's JSON-schema {@code format} so the
 * verdict is {@code {"relevant": true|false}}. Verdicts are cached for an hour; a failed call leaves
 * the chunk as the evaluator scored it.
 */
@Component
public class RelevanceGrader {

    private static final Logger LOG = LoggerFactory.getLogger(RelevanceGrader.class);

    private final RagProperties.Grader grader;
    private final Duration timeout;
    private final UpstreamClient upstream;
    private final JsonCodec json;
    private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    public RelevanceGrader(RagProperties properties, UpstreamClient upstream, JsonCodec json) {
        this.grader = properties.grader();
        this.timeout = properties.llmTimeout();
        this.upstream = upstream;
        this.json = json;
    }

    /** Whether a grader model is configured. */
    public boolean enabled() {
        return grader.enabled();
    }

    /**
     * The assessments with the most confident ambiguous ones (at most {@code max-chunks}) graded by
     * the LLM, in the same order.
     */
    public List<ChunkAssessment> gradeAmbiguous(String question, List<ChunkAssessment> assessments,
            RetrievalEvaluator evaluator) {
        if (!grader.enabled()) {
            return assessments;
        }
        List<ChunkAssessment> toGrade = assessments.stream().filter(evaluator::isAmbiguous)
                .sorted(Comparator.comparingDouble(ChunkAssessment::confidence).reversed())
                .limit(grader.maxChunks()).toList();
        List<ChunkAssessment> graded = new ArrayList<>(assessments);
        for (ChunkAssessment assessment : toGrade) {
            grade(question, assessment.hit().chunk().searchableText()).ifPresent(relevant -> graded.set(
                    graded.indexOf(assessment),
                    assessment.graded(relevant, evaluator.upperThreshold(), evaluator.lowerThreshold())));
        }
        return graded;
    }

    private Optional<Boolean> grade(String question, String document) {
        String text = document.length() <= grader.maxChars() ? document : document.substring(0, grader.maxChars());
        String key = question + '\u0000' + text;
        Boolean cached = verdicts.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            ObjectNode request = upstream.newObject().put("model", grader.model())
                    .put("prompt", grader.prompt().replace("{question}", question).replace("{document}", text))
                    .put("stream", false);
            ObjectNode format = request.putObject("format").put("type", "object");
            format.putObject("properties").putObject("relevant").put("type", "boolean");
            format.putArray("required").add("relevant");
            request.putObject("options").put("temperature", 0).put("num_predict", 16);
            String answer = upstream.post("/api/generate", request, timeout).path("response").asText("");
            ObjectNode verdict = json.readUpstreamObject(answer.getBytes(StandardCharsets.UTF_8));
            JsonNode relevant = verdict == null ? null : verdict.get("relevant");
            if (relevant == null || !relevant.isBoolean()) {
                LOG.debug("The grader {} answered without a verdict: {}", grader.model(), answer);
                return Optional.empty();
            }
            verdicts.put(key, relevant.booleanValue());
            return Optional.of(relevant.booleanValue());
        } catch (RuntimeException e) {
            LOG.debug("Grading with {} failed: {}", grader.model(), e.getMessage());
            return Optional.empty();
        }
    }
}
