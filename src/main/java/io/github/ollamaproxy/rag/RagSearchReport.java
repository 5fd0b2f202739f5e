package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.websearch.WebResult;
import io.github.ollamaproxy.websearch.WebSearchOutcome;

/**
 * What {@code GET /rag/search?q=} answers: what {@code /rag} would retrieve, how it judged each
 * hit, what it kept and what the model would be given.
 *
 * @param query          the question
 * @param terms          its search terms
 * @param action         {@code correct}, {@code ambiguous} or {@code incorrect}
 * @param confidence     the evaluator's confidence in the local knowledge
 * @param upperThreshold confidence from which the local knowledge is used alone
 * @param lowerThreshold confidence under which it is not used at all
 * @param hits           the retrieved chunks with every score
 * @param strips         the sentences kept from them
 * @param web            the web search
 * @param sources        the numbered sources the model would be given
 * @param millis         how long it took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RagSearchReport(String query, Set<String> terms, String action, double confidence,
        double upperThreshold, double lowerThreshold, List<Hit> hits, List<StripView> strips, Web web,
        List<Source> sources, long millis) {

    /** One retrieved chunk. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(int rank, String path, String title, int position, double score, double coverage,
            double bm25, double confidence, List<String> headings, Double similarity, String grade, String text) {
    }

    /** One kept sentence strip and the chunk it comes from. */
    public record StripView(String location, int position, double score, String text) {
    }

    /** The web search: its status, query, error and results. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Web(String status, String query, String error, List<WebResult> results) {
    }

    /** A source as numbered in the prompt. */
    public record Source(int n, String origin, String title, String location, String text) {
    }

    static RagSearchReport of(RagOutcome outcome, RagProperties properties) {
        List<Hit> hits = new ArrayList<>();
        for (ChunkAssessment assessment : outcome.assessments()) {
            Chunk chunk = assessment.hit().chunk();
            double similarity = assessment.hit().similarity();
            hits.add(new Hit(assessment.rank(), chunk.path(), chunk.title(), chunk.position(),
                    round(assessment.hit().score()), round(assessment.coverage()), round(assessment.bm25()),
                    round(assessment.confidence()), chunk.headings(), Double.isNaN(similarity) ? null : round(similarity),
                    grade(assessment.grade()), chunk.text()));
        }
        List<StripView> strips = outcome.strips().stream()
                .map(strip -> new StripView(outcome.refined().get(strip.source()).location(), strip.position(),
                        round(strip.score()), strip.text()))
                .toList();
        WebSearchOutcome search = outcome.web();
        Web web = new Web(search.status().label(), search.query().isEmpty() ? null : search.query(),
                search.error().isEmpty() ? null : search.error(), search.results());
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < outcome.sources().size(); i++) {
            RagSource source = outcome.sources().get(i);
            sources.add(new Source(i + 1, source.origin().label(), source.title(), source.location(), source.text()));
        }
        return new RagSearchReport(outcome.question(), outcome.terms(), outcome.action().label(),
                round(outcome.confidence()), properties.upperThreshold(), properties.lowerThreshold(), hits, strips,
                web, sources, outcome.millis());
    }

    private static String grade(ChunkAssessment.Grade grade) {
        return switch (grade) {
            case NONE -> null;
            case RELEVANT -> "relevant";
            case IRRELEVANT -> "irrelevant";
        };
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
