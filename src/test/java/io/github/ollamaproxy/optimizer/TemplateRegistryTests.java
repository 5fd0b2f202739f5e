package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class TemplateRegistryTests {

    private static final OptimizerProperties PROPERTIES = OptimizerProperties.defaults();
    private static final TemplateRegistry.WindowSource WINDOWS = extras -> new WindowPolicy(PROPERTIES).window(extras, 0, 8192);

    @Test
    void concurrentLearningOfOneTemplateCreatesItOnce() throws Exception {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> learners = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int need = 1000 + i;
            int template = i % 4;
            learners.add(CompletableFuture.runAsync(() -> {
                await(start);
                registry.learn("m:latest", TemplateStoreTests.pattern(template), need, false, Instant.now(), WINDOWS);
            }, threads));
        }
        start.countDown();
        CompletableFuture.allOf(learners.toArray(CompletableFuture[]::new)).join();
        threads.shutdown();

        assertThat(registry.size()).isEqualTo(4);
        assertThat(registry.list()).allMatch(t -> t.observations() == 100);
        assertThat(registry.list()).allMatch(t -> t.extras().length == PROPERTIES.recentNeeds());
    }

    @Test
    void templatesAreKeyedByModel() {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        registry.learn("a:latest", TemplateStoreTests.pattern(1), 1000, false, Instant.now(), WINDOWS);

        assertThat(registry.find("a:latest", TemplateStoreTests.pattern(1))).isPresent();
        assertThat(registry.find("b:latest", TemplateStoreTests.pattern(1))).isEmpty();
    }

    @Test
    void windowFollowsTheRecentExtras() {
        TemplateRegistry registry = new TemplateRegistry(PROPERTIES);
        Template template = registry.learn("m:latest", TemplateStoreTests.pattern(1), 1000, false, Instant.now(), WINDOWS);
        assertThat(template.window()).isEqualTo(2048);

        for (int i = 0; i < 10; i++) {
            registry.observe(template, TemplateStoreTests.pattern(1), 5000, false, Instant.now(), WINDOWS);
        }

        assertThat(template.window()).isEqualTo(6144);
        assertThat(template.observations()).isEqualTo(11);
    }

    @Test
    void beyondTheCapTheLeastRecentlyUsedTemplatesAreForgotten() {
        OptimizerProperties capped = new OptimizerProperties(false, List.of(), 16, 12, 8, 1, 95, 1.2, 1024, 2048,
                131072, 32, 2.0, false, 1000, 10000, java.time.Duration.ofHours(1), java.time.Duration.ofMillis(200),
                10000, 3);
        TemplateRegistry registry = new TemplateRegistry(capped);
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        for (int seed = 1; seed <= 3; seed++) {
            registry.learn("m:latest", TemplateStoreTests.pattern(seed), 100, false, start.plusSeconds(seed), WINDOWS);
        }
        Template first = registry.find("m:latest", TemplateStoreTests.pattern(1)).orElseThrow().template();
        registry.observe(first, TemplateStoreTests.pattern(1), 100, false, start.plusSeconds(10), WINDOWS);

        registry.learn("m:latest", TemplateStoreTests.pattern(4), 100, false, start.plusSeconds(11), WINDOWS);

        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.find("m:latest", TemplateStoreTests.pattern(2))).isEmpty();
        assertThat(registry.find("m:latest", TemplateStoreTests.pattern(1))).isPresent();
        assertThat(registry.find("m:latest", TemplateStoreTests.pattern(4))).isPresent();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
