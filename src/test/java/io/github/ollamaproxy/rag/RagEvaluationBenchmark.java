package io.github.ollamaproxy.rag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the retrieval quality over the labelled questions ({@code rag/eval-questions.tsv}) on the
 * shipped knowledge base, for the default thresholds and a sweep around them, as the Markdown rows
 * of {@code docs/benchmarks.md}. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.rag.RagEvaluationBenchmark}.
 */
public final class RagEvaluationBenchmark {

    private RagEvaluationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<RagEvaluation.Question> questions = RagEvaluation.questions();
        System.out.println("| Upper | Lower | BM25 hit@1 | hit@5 | MRR | Pipeline hit@1 | hit@5 | MRR | Action right"
                + " | Answerable right | Unanswerable right |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        double[][] thresholds = {{0.6, 0.35}, {0.5, 0.3}, {0.7, 0.4}, {0.6, 0.25}, {0.6, 0.45}};
        RagEvaluation.Result defaults = null;
        for (double[] pair : thresholds) {
            Path data = Files.createTempDirectory("rag-eval");
            try (RagFixture fixture = new RagFixture(RagFixture.SHIPPED_KNOWLEDGE_BASE, data,
                    RagFixture.properties(pair[0], pair[1]))) {
                RagEvaluation.Result result = RagEvaluation.evaluate(fixture.rag(), fixture.knowledge().index(),
                        questions);
                defaults = defaults == null ? result : defaults;
                System.out.printf(Locale.ROOT, "| %.2f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |"
                        + " %.3f |%n", pair[0], pair[1], result.bm25().hitAt1(), result.bm25().hitAt5(),
                        result.bm25().mrr(), result.pipeline().hitAt1(), result.pipeline().hitAt5(),
                        result.pipeline().mrr(), result.actionAccuracy(), result.answerableRight(),
                        result.unanswerableRight());
            }
        }
        System.out.println();
        System.out.println("| Style | Questions | Action right | Answering file among the first 5 injected sources "
                + "| among BM25's first 5 |");
        System.out.println("|---|---|---|---|---|");
        defaults.styles().forEach((name, style) -> System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %s | %s |%n",
                name, style.questions(), style.actionRight(), answerable(name, style.injectedAt5()),
                answerable(name, style.bm25At5())));
        System.out.printf("%n%d answerable and %d unanswerable questions. Misses with the defaults:%n",
                defaults.answerable(), defaults.unanswerable());
        defaults.mistakes().forEach(mistake -> System.out.println("- " + mistake));
    }

    private static String answerable(String style, double share) {
        return style.equals("general") || style.equals("near-domain") ? "–" : String.format(Locale.ROOT, "%.3f", share);
    }
}
