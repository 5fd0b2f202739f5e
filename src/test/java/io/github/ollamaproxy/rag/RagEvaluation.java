package io.github.ollamaproxy.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ollamaproxy.knowledge.KnowledgeIndex;
import io.github.ollamaproxy.knowledge.ScoredChunk;

/**
 * Retrieval quality over the labelled questions of {@code rag/eval-questions.tsv}: hit@1, hit@5 and
 * MRR (by file) of plain BM25 and of the full pipeline (the local sources it injects), and how often
 * the action is right (answerable: correct or ambiguous; not answerable: incorrect).
 */
final class RagEvaluation {

    private RagEvaluation() {
    }

    /**
     * A labelled question; {@code gold} is the answering file, {@code null} when none can;
     * {@code style} how it is written ({@code plain}, {@code synonym}, {@code chatty}, {@code typo},
     * {@code keywords}, {@code confusable}; {@code general} or {@code near-domain} when unanswerable).
     */
    record Question(String text, String gold, String style) {

        boolean answerable() {
            return gold != null;
        }
    }

    /** Ranking quality over the answerable questions. */
    record Ranking(double hitAt1, double hitAt5, double mrr) {
    }

    /**
     * The figures of one style of question.
     *
     * @param questions   how many
     * @param actionRight share with the right action
     * @param injectedAt5 share of answerable ones whose answering file is among the first five
     *                    sources injected (none are injected when the action is incorrect)
     * @param bm25At5     share of answerable ones whose answering file is among BM25's first five
     */
    record Style(int questions, double actionRight, double injectedAt5, double bm25At5) {
    }

    /**
     * The whole evaluation.
     *
     * @param bm25               plain BM25 ranking of files
     * @param pipeline           the ranking of the sources the pipeline injects
     * @param actionAccuracy     share of all questions with the right action
     * @param answerableRight    share of answerable questions taken as correct or ambiguous
     * @param unanswerableRight  share of unanswerable questions taken as incorrect
     * @param mistakes           the questions with a wrong action or a missed gold file, for tuning
     */
    record Result(int answerable, int unanswerable, Ranking bm25, Ranking pipeline, double actionAccuracy,
            double answerableRight, double unanswerableRight, List<String> mistakes, Map<String, Style> styles) {
    }

    static List<Question> questions() {
        try (InputStream in = RagEvaluation.class.getResourceAsStream("/rag/eval-questions.tsv")) {
            List<Question> questions = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("question\t")) {
                    continue;
                }
                String[] columns = line.split("\t");
                boolean answerable = !columns[1].equals("-");
                String style = columns.length > 2 ? columns[2] : answerable ? "plain" : "general";
                questions.add(new Question(columns[0], answerable ? columns[1] : null, style));
            }
            return questions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result evaluate(CorrectiveRag rag, KnowledgeIndex index, List<Question> questions) {
        List<Integer> bm25Ranks = new ArrayList<>();
        List<Integer> pipelineRanks = new ArrayList<>();
        int answerable = 0;
        int answerableRight = 0;
        int unanswerableRight = 0;
        List<String> mistakes = new ArrayList<>();
        Map<String, int[]> styles = new LinkedHashMap<>();
        for (Question question : questions) {
            RagOutcome outcome = rag.answer(question.text());
            int[] style = styles.computeIfAbsent(question.style(), key -> new int[4]);
            style[0]++;
            if (question.answerable()) {
                answerable++;
                List<ScoredChunk> hits = index.search(outcome.terms(), null, 20);
                int bm25Rank = rank(hits.stream().map(hit -> hit.chunk().path()).toList(), question.gold());
                int pipelineRank = rank(localPaths(outcome), question.gold());
                bm25Ranks.add(bm25Rank);
                pipelineRanks.add(pipelineRank);
                boolean right = outcome.action() != RagAction.INCORRECT;
                answerableRight += right ? 1 : 0;
                style[1] += right ? 1 : 0;
                style[2] += pipelineRank >= 1 && pipelineRank <= 5 ? 1 : 0;
                style[3] += bm25Rank >= 1 && bm25Rank <= 5 ? 1 : 0;
                if (!right || pipelineRank != 1) {
                    mistakes.add(String.format("[%s] %s | gold %s | %s %.2f | pipeline rank %d | bm25 rank %d",
                            question.style(), question.text(), question.gold(), outcome.action().label(),
                            outcome.confidence(), pipelineRank, bm25Rank));
                }
            } else {
                boolean right = outcome.action() == RagAction.INCORRECT;
                unanswerableRight += right ? 1 : 0;
                style[1] += right ? 1 : 0;
                if (!right) {
                    mistakes.add(String.format("[%s] %s | unanswerable | %s %.2f", question.style(), question.text(),
                            outcome.action().label(), outcome.confidence()));
                }
            }
        }
        int unanswerable = questions.size() - answerable;
        Map<String, Style> byStyle = new LinkedHashMap<>();
        styles.forEach((name, counts) -> byStyle.put(name, new Style(counts[0], counts[1] / (double) counts[0],
                counts[2] / (double) counts[0], counts[3] / (double) counts[0])));
        return new Result(answerable, unanswerable, ranking(bm25Ranks), ranking(pipelineRanks),
                (double) (answerableRight + unanswerableRight) / questions.size(),
                (double) answerableRight / answerable, (double) unanswerableRight / unanswerable, mistakes, byStyle);
    }

    private static List<String> localPaths(RagOutcome outcome) {
        return outcome.sources().stream().filter(source -> source.origin() == RagSource.Origin.LOCAL)
                .map(source -> source.location().split(" › ")[0]).toList();
    }

    /** The 1-based rank of the first occurrence of {@code gold} among distinct paths, 0 when absent. */
    private static int rank(List<String> paths, String gold) {
        Set<String> distinct = new LinkedHashSet<>(paths);
        int rank = 1;
        for (String path : distinct) {
            if (path.equals(gold)) {
                return rank;
            }
            rank++;
        }
        return 0;
    }

    private static Ranking ranking(List<Integer> ranks) {
        double hit1 = ranks.stream().filter(rank -> rank == 1).count() / (double) ranks.size();
        double hit5 = ranks.stream().filter(rank -> rank >= 1 && rank <= 5).count() / (double) ranks.size();
        double mrr = ranks.stream().mapToDouble(rank -> rank == 0 ? 0 : 1.0 / rank).average().orElse(0);
        return new Ranking(hit1, hit5, mrr);
    }
}
