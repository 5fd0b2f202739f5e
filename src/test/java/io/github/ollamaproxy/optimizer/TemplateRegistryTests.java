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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
