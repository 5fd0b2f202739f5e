package io.github.ollamaproxy.rag;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.knowledge.KnowledgeBase;
import io.github.ollamaproxy.knowledge.KnowledgeStatus;
import io.github.ollamaproxy.knowledge.SyncReport;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import io.github.ollamaproxy.websearch.WebResult;
import io.github.ollamaproxy.websearch.WebSearchClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code /rag} endpoints: {@code GET /rag/search?q=} shows what {@code /rag} would do for a
 * question (hits with their scores and confidences, the action, the kept strips, the web results
 * and the sources); {@code GET /rag/status} reports the knowledge base; {@code POST /rag/reindex}
 * indexes every file again.
 */
@Component("ragEndpoints")
public class RagEndpoints {

    static final String QUERY_PARAM = "q";

    private final CorrectiveRag rag;
    private final RagProperties properties;
    private final KnowledgeBase knowledge;
    private final WebSearchClient web;
    private final JsonCodec json;

    public RagEndpoints(CorrectiveRag rag, RagProperties properties, KnowledgeBase knowledge, WebSearchClient web,
            JsonCodec json) {
        this.rag = rag;
        this.properties = properties;
        this.knowledge = knowledge;
        this.web = web;
        this.json = json;
    }

    public void search(Exchange exchange) {
        Message message = exchange.getMessage();
        String question = message.getHeader(QUERY_PARAM, "", String.class).strip();
        if (question.isEmpty()) {
            throw new InvalidRequestException("give the question in the q parameter, e.g. /rag/search?q=how+to+run",
                    QUERY_PARAM);
        }
        RagOutcome outcome = rag.answer(question);
        ObjectNode answer = json.newObject().put("query", question);
        outcome.terms().forEach(answer.putArray("terms")::add);
        answer.put("action", outcome.action().label())
                .put("confidence", round(outcome.confidence()))
                .put("upper_threshold", properties.upperThreshold())
                .put("lower_threshold", properties.lowerThreshold());
        ArrayNode hits = answer.putArray("hits");
        for (ChunkAssessment assessment : outcome.assessments()) {
            Chunk chunk = assessment.hit().chunk();
            ObjectNode hit = hits.addObject()
                    .put("rank", assessment.rank())
                    .put("path", chunk.path())
                    .put("title", chunk.title())
                    .put("position", chunk.position())
                    .put("score", round(assessment.hit().score()))
                    .put("coverage", round(assessment.coverage()))
                    .put("bm25", round(assessment.bm25()))
                    .put("confidence", round(assessment.confidence()));
            chunk.headings().forEach(hit.putArray("headings")::add);
            if (!Double.isNaN(assessment.hit().similarity())) {
                hit.put("similarity", round(assessment.hit().similarity()));
            }
            if (assessment.grade() != ChunkAssessment.Grade.NONE) {
                hit.put("grade", assessment.grade() == ChunkAssessment.Grade.RELEVANT ? "relevant" : "irrelevant");
            }
            hit.put("text", chunk.text());
        }
        ArrayNode strips = answer.putArray("strips");
        for (Strip strip : outcome.strips()) {
            strips.addObject().put("location", outcome.refined().get(strip.source()).location())
                    .put("position", strip.position()).put("score", round(strip.score())).put("text", strip.text());
        }
        ObjectNode search = answer.putObject("web").put("status", outcome.web().status().label());
        if (!outcome.web().query().isEmpty()) {
            search.put("query", outcome.web().query());
        }
        if (!outcome.web().error().isEmpty()) {
            search.put("error", outcome.web().error());
        }
        ArrayNode results = search.putArray("results");
        for (WebResult result : outcome.web().results()) {
            results.addObject().put("title", result.title()).put("url", result.url()).put("snippet", result.snippet());
        }
        ArrayNode sources = answer.putArray("sources");
        for (int i = 0; i < outcome.sources().size(); i++) {
            RagSource source = outcome.sources().get(i);
            sources.addObject().put("n", i + 1).put("origin", source.origin().label()).put("title", source.title())
                    .put("location", source.location()).put("text", source.text());
        }
        answer.put("millis", outcome.millis());
        HttpResponses.respond(message, 200, MediaTypes.JSON, json.write(answer), Map.of());
    }

    public void status(Exchange exchange) {
        KnowledgeStatus status = knowledge.status();
        ObjectNode answer = json.newObject()
                .put("dir", status.dir().toString())
                .put("documents", status.documents())
                .put("chunks", status.chunks())
                .put("syncing", status.syncing())
                .put("embedding_model", status.embeddingModel());
        if (status.lastChange() != null) {
            answer.put("last_change", status.lastChange().toString());
        }
        if (status.lastSync() != null) {
            answer.set("last_sync", report(status.lastSync()));
        }
        answer.putObject("web_search").put("enabled", web.enabled()).put("circuit", web.circuitState());
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(answer), Map.of());
    }

    public void reindex(Exchange exchange) {
        SyncReport report = knowledge.rebuild();
        ObjectNode answer = report(report).put("documents", knowledge.index().files().size())
                .put("chunks", knowledge.index().chunkCount());
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(answer), Map.of());
    }

    private ObjectNode report(SyncReport report) {
        return json.newObject()
                .put("started", report.started().toString())
                .put("millis", report.millis())
                .put("indexed", report.indexed())
                .put("unchanged", report.unchanged())
                .put("removed", report.removed())
                .put("skipped", report.skipped())
                .put("failed", report.failed())
                .put("chunks_written", report.chunks());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
