package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ollamaproxy.knowledge.Chunk;
import io.github.ollamaproxy.knowledge.CorpusStatistics;
import io.github.ollamaproxy.knowledge.DocumentParser;
import io.github.ollamaproxy.knowledge.KnowledgeBase;
import io.github.ollamaproxy.knowledge.KnowledgeEmbeddings;
import io.github.ollamaproxy.knowledge.KnowledgeIndex;
import io.github.ollamaproxy.knowledge.ParsedDocument;
import io.github.ollamaproxy.knowledge.QuestionVocabulary;
import io.github.ollamaproxy.knowledge.ScoredChunk;
import io.github.ollamaproxy.websearch.WebPageFetcher;
import io.github.ollamaproxy.websearch.WebResult;
import io.github.ollamaproxy.websearch.WebSearchClient;
import io.github.ollamaproxy.websearch.WebSearchOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Corrective retrieval-augmented generation for one question (Yan et al. 2024, with a lexical
 * evaluator): retrieve from the knowledge base, assess each chunk, and by the confidence
 * <ul>
 *   <li>Correct: refine the usable chunks into strips and use them;</li>
 *   <li>Incorrect: rewrite the question into a query and use the web results instead;</li>
 *   <li>Ambiguous: both, the local sources first.</li>
 * </ul>
 * A failing embedding model, grader, rewriter or web search never fails the question: it goes on
 * with what it has.
 */
@Component
public class CorrectiveRag {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectiveRag.class);
    private static final String GAP = " … ";
    private static final int PAGE_STRIPS = 3;

    private final RagProperties properties;
    private final KnowledgeBase knowledge;
    private final KnowledgeEmbeddings embeddings;
    private final QuestionVocabulary vocabulary;
    private final RetrievalEvaluator evaluator;
    private final RelevanceGrader grader;
    private final StripRefiner refiner;
    private final StripRefiner pageRefiner;
    private final QueryRewriter rewriter;
    private final WebSearchClient web;
    private final WebPageFetcher pages;
    private final RagMetrics metrics;

    public CorrectiveRag(RagProperties properties, KnowledgeBase knowledge, KnowledgeEmbeddings embeddings,
            QuestionVocabulary vocabulary, RelevanceGrader grader, QueryRewriter rewriter, WebSearchClient web,
            WebPageFetcher pages, RagMetrics metrics) {
        this.properties = properties;
        this.knowledge = knowledge;
        this.embeddings = embeddings;
        this.vocabulary = vocabulary;
        this.evaluator = new RetrievalEvaluator(properties.upperThreshold(), properties.lowerThreshold());
        this.grader = grader;
        this.refiner = new StripRefiner(properties.strips(), properties.stripSentences());
        this.pageRefiner = new StripRefiner(PAGE_STRIPS, properties.stripSentences());
        this.rewriter = rewriter;
        this.web = web;
        this.pages = pages;
        this.metrics = metrics;
    }

    /** Retrieves, evaluates and corrects the knowledge for {@code question}. */
    public RagOutcome answer(String question) {
        return answer(question, "");
    }

    /**
     * Like {@link #answer(String)}, with the local knowledge limited to the files whose path in the
     * knowledge base starts with {@code scope} (empty: every file).
     */
    public RagOutcome answer(String question, String scope) {
        long started = System.nanoTime();
        RagOutcome outcome = metrics.retrieval().record(() -> run(question, scope, started));
        metrics.record(outcome);
        return outcome;
    }

    private RagOutcome run(String question, String scope, long started) {
        KnowledgeIndex index = knowledge.index();
        String asked = QuestionFocus.of(question);
        Set<String> terms = index.corrected(vocabulary.terms(asked));
        List<ScoredChunk> hits = index.search(terms, questionVector(question), properties.candidates(), scope);
        CorpusStatistics statistics = index.statistics(terms);
        List<ChunkAssessment> assessments = evaluator.assess(terms, statistics, hits);
        assessments = grader.gradeAmbiguous(question, assessments, evaluator);
        RagAction action = evaluator.action(assessments);
        if (action == RagAction.AMBIGUOUS && UnknownNames.any(asked, index)) {
            action = RagAction.INCORRECT;
        }
        double best = RetrievalEvaluator.best(assessments);
        List<Chunk> usable = action == RagAction.INCORRECT ? List.of()
                : UsableChunks.choose(assessments, assessment -> evaluator.isUsable(assessment, best),
                        properties.maxSources());
        List<Strip> strips = refiner.refine(terms, statistics, usable.stream()
                .map(chunk -> new StripRefiner.Passage(context(chunk), chunk.text())).toList());
        List<RagSource> local = localSources(usable, strips);

        WebSearchOutcome search = action == RagAction.CORRECT ? WebSearchOutcome.notNeeded()
                : web.search(rewriter.rewrite(question));
        List<RagSource> remote = webSources(terms, statistics, search);
        return new RagOutcome(question, terms, action, best, assessments, usable, strips, search,
                merge(local, remote), (System.nanoTime() - started) / 1_000_000);
    }

    private float[] questionVector(String question) {
        if (!embeddings.enabled()) {
            return null;
        }
        try {
            return embeddings.embed(List.of(question)).get(0);
        } catch (RuntimeException e) {
            LOG.warn("RAG: no question vector from {} ({}); retrieving by BM25 only", embeddings.model(),
                    e.getMessage());
            return null;
        }
    }

    private static String context(Chunk chunk) {
        return chunk.title() + "\n" + String.join("\n", chunk.headings());
    }

    /** One source per page section: the strips of chunks of the same section are joined. */
    private static List<RagSource> localSources(List<Chunk> chunks, List<Strip> strips) {
        Map<String, StringBuilder> texts = new LinkedHashMap<>();
        Map<String, Chunk> firsts = new LinkedHashMap<>();
        for (int source = 0; source < chunks.size(); source++) {
            Chunk chunk = chunks.get(source);
            StringBuilder text = texts.computeIfAbsent(chunk.location(), location -> new StringBuilder());
            firsts.putIfAbsent(chunk.location(), chunk);
            int previous = -2;
            boolean first = true;
            for (Strip strip : strips) {
                if (strip.source() != source) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(!first && strip.position() == previous + 1 ? " " : GAP);
                }
                text.append(strip.text());
                previous = strip.position();
                first = false;
            }
        }
        List<RagSource> sources = new ArrayList<>();
        texts.forEach((location, text) -> {
            if (!text.isEmpty()) {
                sources.add(new RagSource(RagSource.Origin.LOCAL, firsts.get(location).title(), location, text.toString()));
            }
        });
        return sources;
    }

    private List<RagSource> webSources(Set<String> terms, CorpusStatistics statistics, WebSearchOutcome search) {
        List<RagSource> sources = new ArrayList<>();
        for (WebResult result : search.results()) {
            String text = pages.allowed(result.url()) ? pagePassages(terms, statistics, result) : result.snippet();
            sources.add(new RagSource(RagSource.Origin.WEB, result.title(), result.url(),
                    text.isEmpty() ? result.snippet() : text));
        }
        return sources;
    }

    private String pagePassages(Set<String> terms, CorpusStatistics statistics, WebResult result) {
        return pages.fetch(result.url()).map(page -> {
            ParsedDocument document = DocumentParser.html(page, result.title());
            List<StripRefiner.Passage> passages = document.sections().stream()
                    .map(section -> new StripRefiner.Passage(String.join("\n", section.headings()),
                            String.join("\n\n", section.paragraphs())))
                    .toList();
            List<Strip> kept = pageRefiner.refine(terms, statistics, passages);
            return String.join(GAP, kept.stream().map(Strip::text).toList());
        }).orElse("");
    }

    private List<RagSource> merge(List<RagSource> local, List<RagSource> remote) {
        int max = properties.maxSources();
        int remoteShare = local.isEmpty() ? max : Math.min(remote.size(), max / 2);
        int localCount = Math.min(local.size(), max - remoteShare);
        List<RagSource> merged = new ArrayList<>(local.subList(0, localCount));
        merged.addAll(remote.subList(0, Math.min(remote.size(), max - localCount)));
        return merged;
    }
}
