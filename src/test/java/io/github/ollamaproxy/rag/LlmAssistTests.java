package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.knowledge.ScoredChunk;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.TestUpstream;
import io.github.ollamaproxy.upstream.UpstreamClient;
import io.github.ollamaproxy.upstream.UpstreamProperties;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The optional LLM helpers against the simulator: the grader (asked only about ambiguous chunks,
 * with a JSON schema) and the query rewriter (falling back to keywords when the model fails).
 */
class LlmAssistTests {

    private static final String GRADER = "grader-model";
    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator().install(SimulatedModel.named(GRADER));

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final JsonCodec json = new JsonCodec(new ObjectMapper());
    private final UpstreamClient upstream;

    LlmAssistTests() {
        camel.start();
        upstream = new UpstreamClient(camel.createProducerTemplate(), new UpstreamProperties("127.0.0.1", SIMULATOR.port(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 10).baseUri(), json);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theGraderIsAskedOnlyAboutAmbiguousChunksOneAtATimeWithAJsonSchema() {
        RetrievalEvaluator evaluator = new RetrievalEvaluator(0.6, 0.35);
        RelevanceGrader grader = new RelevanceGrader(properties(GRADER, ""), upstream, json);
        SIMULATOR.clearRecordings();
        List<ChunkAssessment> assessments = List.of(assessment("certain", 0.9), assessment("maybe", 0.5),
                assessment("unlikely", 0.1));

        List<ChunkAssessment> graded = grader.gradeAmbiguous("Which port?", assessments, evaluator);

        assertThat(graded).extracting(ChunkAssessment::grade).containsExactly(ChunkAssessment.Grade.NONE,
                ChunkAssessment.Grade.RELEVANT, ChunkAssessment.Grade.NONE);
        assertThat(graded.get(1).confidence()).isEqualTo(0.6);
        assertThat(evaluator.action(graded)).isEqualTo(RagAction.CORRECT);
        JsonNode request = SIMULATOR.lastRequest("/api/generate", GRADER).json();
        assertThat(request.path("prompt").asText()).contains("Question: Which port?", "maybe");
        assertThat(request.path("format").path("properties").path("relevant").path("type").asText())
                .isEqualTo("boolean");
        assertThat(request.path("options").path("temperature").asInt()).isZero();
        assertThat(SIMULATOR.requests("/api/generate")).hasSize(1);

        grader.gradeAmbiguous("Which port?", assessments, evaluator);
        assertThat(SIMULATOR.requests("/api/generate")).as("verdicts are cached").hasSize(1);
    }

    @Test
    void theRewriterUsesTheModelsFirstLineCappedInLength() {
        QueryRewriter rewriter = new QueryRewriter(
                RagFixture.properties(0.6, 0.35, "", new RagProperties.Rewriter(GRADER, "{question}")), upstream);

        String query = rewriter.rewrite("zebra gateway port");

        assertThat(query).startsWith("You said: zebra gateway port").hasSizeLessThanOrEqualTo(200);
        JsonNode request = SIMULATOR.lastRequest("/api/generate", GRADER).json();
        assertThat(request.path("prompt").asText()).isEqualTo("zebra gateway port");
        assertThat(request.path("options").path("num_predict").asInt()).isEqualTo(48);
    }

    @Test
    void aFailingRewriterFallsBackToKeywords() {
        QueryRewriter rewriter = new QueryRewriter(properties("", "not-installed-model"), upstream);

        assertThat(rewriter.rewrite("How do I configure the zebra gateway?")).isEqualTo("configure zebra gateway");
    }

    private static RagProperties properties(String grader, String rewriter) {
        return RagFixture.properties(0.6, 0.35, grader,
                new RagProperties.Rewriter(rewriter, RagProperties.Rewriter.DEFAULT_REWRITER_PROMPT));
    }

    private static ChunkAssessment assessment(String text, double confidence) {
        return new ChunkAssessment(new ScoredChunk(new Chunk("a.md", "A", List.of(), 0, text), 1, Double.NaN), 1,
                confidence, confidence, confidence, ChunkAssessment.Grade.NONE);
    }
}
