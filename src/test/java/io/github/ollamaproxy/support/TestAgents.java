package io.github.ollamaproxy.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.agent.LlmResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Agents that exist only in tests, to exercise the pipeline's contract. */
@TestConfiguration(proxyBeanMethods = false)
public class TestAgents {

    @Bean
    RecordingAgent recordingAgent() {
        return new RecordingAgent();
    }

    @Bean
    Agent failingAgent() {
        return new Agent() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String description() {
                return "Changes the request, then fails";
            }

            @Override
            public void onRequest(LlmRequest request) {
                request.body().put("changed_by_failing_agent", true);
                request.setUserText("this text must never reach the model");
                throw new IllegalStateException("boom");
            }
        };
    }

    @Bean
    Agent answeringAgent() {
        return new Agent() {
            @Override
            public String name() {
                return "answering";
            }

            @Override
            public void onRequest(LlmRequest request) {
                request.answer("Answered by the test agent: " + request.userText().orElse(""));
            }
        };
    }

    @Bean
    SlowAgent slowAgent() {
        return new SlowAgent();
    }

    @Bean
    FlakyAgent flakyAgent() {
        return new FlakyAgent();
    }

    @Bean
    Agent positionedAgent() {
        return new MarkingAgent("positioned", 0);
    }

    @Bean
    Agent choosyAgent() {
        return new MarkingAgent("choosy", 0);
    }

    @Bean
    Agent earlyAgent() {
        return new MarkingAgent("early", -100);
    }

    @Bean
    Agent lateAgent() {
        return new MarkingAgent("late", 100);
    }

    /** Appends {@code <name>} to the user text, to make the run order visible. */
    static final class MarkingAgent implements Agent {

        private final String name;
        private final int order;

        MarkingAgent(String name, int order) {
            this.name = name;
            this.order = order;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public void onRequest(LlmRequest request) {
            request.userText().ifPresent(text -> request.setUserText(text + " <" + name + ">"));
        }
    }

    /**
     * Marks the user text, but only after {@link #DELAY}; guarded by a short time limit in
     * {@code test-routes/test-agents.camel.yaml}. Remembers when its late change was made.
     */
    public static final class SlowAgent implements Agent {

        public static final Duration DELAY = Duration.ofMillis(1500);

        public final BlockingQueue<String> finished = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void onRequest(LlmRequest request) throws InterruptedException {
            Thread.sleep(DELAY.toMillis());
            request.setUserText(request.userText().orElse("") + " <slow>");
            finished.add(request.userText().orElse(""));
        }
    }

    /** Always fails, and counts its calls; guarded by a small circuit breaker in the test routes. */
    public static final class FlakyAgent implements Agent {

        public final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void onRequest(LlmRequest request) {
            calls.incrementAndGet();
            throw new IllegalStateException("flaky " + calls.get());
        }
    }

    /** Remembers what it saw in each step. */
    public static final class RecordingAgent implements Agent {

        public final List<String> seenUserTexts = new CopyOnWriteArrayList<>();
        public final List<String> seenResponses = new CopyOnWriteArrayList<>();
        public final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "Records what it sees";
        }

        @Override
        public void onRequest(LlmRequest request) {
            seenUserTexts.add(request.userText().orElse("<none>"));
            request.putResponseHeader("X-Ollama-Proxy-Recorded", "yes");
        }

        @Override
        public void onResponse(LlmRequest request, LlmResponse response) {
            seenResponses.add(response.text());
        }

        @Override
        public void onCompletion(LlmRequest request, Completion completion) {
            completions.add(completion);
        }

        public void clear() {
            seenUserTexts.clear();
            seenResponses.clear();
            completions.clear();
        }
    }
}
