package io.github.ollamaproxy.optimizer;

import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
 * of one model (half the queries near-duplicates of a template, half unrelated), and fingerprinting
 * prompts of 1, 4 and 16 KB. See {@code docs/benchmarks.md} for how to run them.
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
        Fingerprint[] queries;
        int next;

        @Setup
        public void fill() {
            OptimizerProperties properties = OptimizerProperties.defaults();
            registry = new TemplateRegistry(properties);
            SplittableRandom random = new SplittableRandom(templates);
            Fingerprint[] stored = new Fingerprint[templates];
            for (int i = 0; i < templates; i++) {
                stored[i] = random(random);
                registry.learn(MODEL, stored[i], 500, false, Instant.EPOCH, extras -> 2048);
            }
            queries = new Fingerprint[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                if (i % 2 == 0) {
                    long[] values = stored[random.nextInt(templates)].values();
                    for (int flip = random.nextInt(4); flip > 0; flip--) {
                        values[0] ^= 1L << random.nextInt(64);
                    }
                    queries[i] = new Fingerprint(values, 2000);
                } else {
                    queries[i] = random(random);
                }
            }
        }

        private static Fingerprint random(SplittableRandom random) {
            long[] values = new long[Resolution.COUNT];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextLong();
            }
            return new Fingerprint(values, 2000);
        }
    }

    /** Prompts of a given size. */
    @State(Scope.Benchmark)
    public static class Prompts {

        @Param({"1", "4", "16"})
        int kilobytes;

        String text;

        @Setup
        public void write() {
            SplittableRandom random = new SplittableRandom(kilobytes);
            StringBuilder builder = new StringBuilder();
            while (builder.length() < kilobytes * 1024) {
                builder.append("word").append(random.nextInt(5000)).append(random.nextInt(8) == 0 ? ". " : " ");
            }
            text = builder.substring(0, kilobytes * 1024);
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
    public Fingerprint fingerprint(Prompts prompts) {
        return SimHasher.fingerprint(prompts.text);
    }
}
