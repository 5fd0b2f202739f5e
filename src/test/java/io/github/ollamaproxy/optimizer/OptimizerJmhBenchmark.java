package io.github.ollamaproxy.optimizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.github.ollamaproxy.agent.ConversationTurn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the optimizer's hot path: a template lookup among 1k, 10k and 100k templates
 * of one model, made by the corpus generator in every shape ({@link TemplateCorpus}; the queries
 * are other prompts of stored templates and one-off prompts, half each), and reading prompts of 1,
 * 4 and 16 KB into their word pattern. See {@code docs/benchmarks.md} for how to run them.
 */
public class OptimizerJmhBenchmark {

    private static final String MODEL = "bench:latest";
    private static final int QUERIES = 4096;

    /** A registry full of templates and the queries to look up. */
    @State(Scope.Benchmark)
    public static class Templates {

        @Param({"1000", "10000", "100000"})
        int templates;

        TemplateRegistry registry;
        PromptPattern[] queries;
        int next;

        @Setup
        public void fill() {
            registry = new TemplateRegistry(OptimizerProperties.defaults());
            List<TemplateCorpus.Prompt> prompts = TemplateCorpus.prompts(templates, templates / 8, 2, QUERIES / 2);
            Set<Integer> learned = new HashSet<>();
            List<PromptPattern> repeats = new ArrayList<>();
            List<PromptPattern> oneOffs = new ArrayList<>();
            for (TemplateCorpus.Prompt prompt : prompts) {
                PromptPattern pattern = PromptPattern.of(prompt.turns());
                if (prompt.template() < 0) {
                    oneOffs.add(pattern);
                } else if (learned.add(prompt.template())) {
                    registry.learn(MODEL, pattern, 500, false, Instant.EPOCH, extras -> 2048);
                } else {
                    repeats.add(pattern);
                }
            }
            queries = new PromptPattern[QUERIES];
            SplittableRandom random = new SplittableRandom(templates);
            for (int i = 0; i < QUERIES; i++) {
                List<PromptPattern> from = i % 2 == 0 ? repeats : oneOffs;
                queries[i] = from.get(random.nextInt(from.size()));
            }
        }
    }

    /** Prompts of a given size. */
    @State(Scope.Benchmark)
    public static class Prompts {

        @Param({"1", "4", "16"})
        int kilobytes;

        List<ConversationTurn> turns;

        @Setup
        public void write() {
            SplittableRandom random = new SplittableRandom(kilobytes);
            StringBuilder builder = new StringBuilder();
            while (builder.length() < kilobytes * 1024) {
                builder.append("word").append(random.nextInt(5000)).append(random.nextInt(8) == 0 ? ". " : " ");
            }
            turns = List.of(new ConversationTurn("system", "You are a careful assistant."),
                    new ConversationTurn("user", builder.substring(0, kilobytes * 1024)));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<TemplateMatch> lookup(Templates state) {
        return state.registry.find(MODEL, state.queries[state.next++ & (QUERIES - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PromptPattern pattern(Prompts prompts) {
        return PromptPattern.of(prompts.turns);
    }
}
