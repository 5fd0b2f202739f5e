package io.github.ollamaproxy.rag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.github.ollamaproxy.knowledge.KnowledgeIndex;
import io.github.ollamaproxy.knowledge.SyncReport;
import io.github.ollamaproxy.knowledge.TextAnalysis;

/**
 * Indexing throughput and retrieval latency over a generated knowledge base of {@value #FILES}
 * Markdown files × {@value #SECTIONS} sections (one chunk each, about 150 words from a Zipf-distributed
 * vocabulary of {@value #VOCABULARY} words): index it three times from scratch, then time
 * {@value #QUERIES} questions (half made of words of one chunk, half of random words) through the
 * BM25 search alone and through the whole corrective pipeline without web search. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.ollamaproxy.rag.RagScaleBenchmark}.
 */
public final class RagScaleBenchmark {

    static final int FILES = 500;
    static final int SECTIONS = 24;
    static final int VOCABULARY = 20_000;
    static final int QUERIES = 5_000;
    private static final int WORDS_PER_SECTION = 150;

    private RagScaleBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path documents = Files.createTempDirectory("rag-scale-docs");
        SplittableRandom random = new SplittableRandom(42);
        String[] vocabulary = vocabulary(random);
        double[] zipf = zipf();
        List<String> sectionTexts = new ArrayList<>();
        for (int file = 0; file < FILES; file++) {
            StringBuilder markdown = new StringBuilder("# Document ").append(file).append("\n\n");
            for (int section = 0; section < SECTIONS; section++) {
                String text = text(random, vocabulary, zipf, WORDS_PER_SECTION);
                sectionTexts.add(text);
                markdown.append("## Section ").append(section).append(' ').append(vocabulary[random.nextInt(1000)])
                        .append("\n\n").append(text).append("\n\n");
            }
            Files.writeString(documents.resolve("doc-" + file + ".md"), markdown);
        }

        RagFixture fixture = null;
        for (int run = 1; run <= 3; run++) {
            if (fixture != null) {
                fixture.close();
            }
            long started = System.nanoTime();
            fixture = new RagFixture(documents, Files.createTempDirectory("rag-scale-data"), RagFixture.defaults());
            double seconds = (System.nanoTime() - started) / 1e9;
            SyncReport report = fixture.knowledge().status().lastSync();
            System.out.printf(Locale.ROOT, "Indexing run %d: %d files, %d chunks in %.2f s: %.0f chunks/s%n", run,
                    report.indexed(), report.chunks(), seconds, report.chunks() / seconds);
        }

        String[] questions = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            if (i % 2 == 0) {
                String[] words = sectionTexts.get(random.nextInt(sectionTexts.size())).split(" ");
                int start = random.nextInt(words.length - 8);
                questions[i] = "how does " + String.join(" ", Arrays.copyOfRange(words, start, start + 6)) + " work";
            } else {
                questions[i] = "what is " + text(random, vocabulary, zipf, 6);
            }
        }
        KnowledgeIndex index = fixture.knowledge().index();
        CorrectiveRag rag = fixture.rag();
        System.out.println("Chunks searchable: " + index.chunkCount());
        for (int warmup = 0; warmup < 2; warmup++) {
            for (String question : questions) {
                index.search(TextAnalysis.terms("content", question), null, 8);
                rag.answer(question);
            }
        }
        long[] search = new long[QUERIES];
        long[] pipeline = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long started = System.nanoTime();
            index.search(TextAnalysis.terms("content", questions[i]), null, 8);
            search[i] = System.nanoTime() - started;
            started = System.nanoTime();
            rag.answer(questions[i]);
            pipeline[i] = System.nanoTime() - started;
        }
        report("BM25 search (top 8)", search);
        report("Corrective pipeline (search, evaluation, refinement; no web)", pipeline);
        fixture.close();
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
                percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String[] vocabulary(SplittableRandom random) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            StringBuilder word = new StringBuilder();
            int length = 4 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static double[] zipf() {
        double[] cumulative = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static String text(SplittableRandom random, String[] vocabulary, double[] zipf, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int index = Arrays.binarySearch(zipf, random.nextDouble());
            text.append(i == 0 ? "" : (i % 15 == 0 ? ". " : " ")).append(vocabulary[index < 0 ? -index - 1 : index]);
        }
        return text.append('.').toString();
    }
}
