package io.github.ollamaproxy.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The JMS entry point ({@code routes/integration/jms.camel.yaml}) through an embedded Artemis
 * broker, used by a plain JMS client: request-reply, slash commands and the agents property,
 * a reply queue, dead letters, redelivery, the concurrency bound and a stop with messages in
 * flight. The instances are in {@code src/test/resources/messaging-routes}.
 */
class JmsEntryPointTests extends MessagingIntegrationTest {

    private static final String REQUESTS = "test.requests";
    private static final ActiveMQConnectionFactory BROKER_CLIENT = new ActiveMQConnectionFactory("vm://" + BROKER);
    private static final long WAIT = 10_000;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private CamelContext camel;

    @AfterAll
    static void closeClient() {
        BROKER_CLIENT.close();
    }

    @Test
    void aNativeChatIsAnsweredToJmsReplyToWithTheRequestsCorrelationId() throws JMSException {
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, REQUESTS, chat(MODEL, "hello over JMS", ",\"options\":{\"temperature\":0}"), replies, "req-1", Map.of());

            Message answer = jms.createConsumer(replies).receive(WAIT);

            assertThat(answer).isInstanceOf(TextMessage.class);
            assertThat(answer.getJMSCorrelationID()).isEqualTo("req-1");
            JsonNode body = ProxyClient.json(answer.getBody(String.class));
            assertThat(body.path("message").path("content").asText()).isEqualTo("You said: hello over JMS");
            assertThat(body.path("done").asBoolean()).isTrue();
            JsonNode sent = SIMULATOR.lastRequest("/api/chat", MODEL).json();
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            assertThat(sent.path("options").path("temperature").asInt(-1)).isZero();
        }
    }

    @Test
    void anOpenAiChatWithASlashCommandRunsTheAgentAndGetsOpenAisAnswer() throws JMSException {
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, REQUESTS, chat(MODEL, "/concise Explain message queues", ",\"max_tokens\":50"), replies, "req-2",
                    Map.of());

            Message answer = jms.createConsumer(replies).receive(WAIT);

            JsonNode body = ProxyClient.json(answer.getBody(String.class));
            assertThat(body.path("object").asText()).isEqualTo("chat.completion");
            assertThat(body.path("choices").path(0).path("message").path("content").asText())
                    .startsWith("You said: Explain message queues");
            assertThat(answer.getStringProperty(MessageHeaders.AGENTS)).isEqualTo("concise");
            JsonNode sent = SIMULATOR.lastRequest("/api/chat", MODEL).json();
            assertThat(sent.path("messages").toString()).contains("Answer in three sentences at most.")
                    .doesNotContain("/concise");
            assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(50);
        }
    }

    @Test
    void theAgentsPropertyChoosesAgentsAndARouteMayFixTheFormat() throws JMSException {
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, "test.native", chat(MODEL, "native by route", ""), replies, "req-3",
                    Map.of(MessageHeaders.AGENTS, "concise"));

            Message answer = jms.createConsumer(replies).receive(WAIT);

            JsonNode body = ProxyClient.json(answer.getBody(String.class));
            assertThat(body.path("message").path("content").asText()).isEqualTo("You said: native by route");
            assertThat(body.has("choices")).isFalse();
            assertThat(SIMULATOR.lastRequest("/api/chat", MODEL).json().path("messages").toString())
                    .contains("Answer in three sentences at most.");
        }
    }

    @Test
    void withoutJmsReplyToTheAnswerGoesToTheReplyQueueCorrelated() throws JMSException {
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            send(jms, REQUESTS, chat(MODEL, "to the reply queue", ""), null, "corr-4", Map.of());

            Message answer = jms.createConsumer(jms.createQueue("test.answers"), "JMSCorrelationID = 'corr-4'")
                    .receive(WAIT);

            assertThat(answer).isNotNull();
            assertThat(ProxyClient.json(answer.getBody(String.class)).path("choices").path(0).path("message")
                    .path("content").asText()).isEqualTo("You said: to the reply queue");
        }
    }

    @Test
    void badJsonGoesToTheDeadLetterQueueAtOnceAndTheRequesterGetsTheError() throws JMSException {
        double redeliveredBefore = count("test-jms-requests", "redelivered");
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, REQUESTS, "{\"model\": bad", replies, "req-5", Map.of());

            Message answer = jms.createConsumer(replies).receive(WAIT);
            Message dead = jms.createConsumer(jms.createQueue("test.requests.DLQ"), "JMSCorrelationID = 'req-5'")
                    .receive(WAIT);

            JsonNode error = ProxyClient.json(answer.getBody(String.class)).path("error");
            assertThat(error.path("message").asText()).startsWith("invalid JSON");
            assertThat(answer.getIntProperty(MessageHeaders.ERROR_STATUS)).isEqualTo(400);
            assertThat(dead.getBody(String.class)).isEqualTo("{\"model\": bad");
            assertThat(dead.getIntProperty(MessageHeaders.ERROR_STATUS)).isEqualTo(400);
            assertThat(dead.getStringProperty(MessageHeaders.ERROR)).startsWith("invalid JSON");
            assertThat(dead.getStringProperty(MessageHeaders.FAILED_ROUTE)).isEqualTo("test-jms-requests");
            assertThat(count("test-jms-requests", "redelivered")).isEqualTo(redeliveredBefore);
        }
    }

    @Test
    void aModelThatCannotBePulledIsDeadLetteredWithItsStatus() throws JMSException {
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            send(jms, "test.native", chat("no-such-model", "hi", ""), null, "req-6", Map.of());

            Message dead = jms.createConsumer(jms.createQueue("test.native.DLQ"), "JMSCorrelationID = 'req-6'")
                    .receive(WAIT);

            assertThat(dead.getIntProperty(MessageHeaders.ERROR_STATUS)).isEqualTo(404);
            assertThat(dead.getStringProperty(MessageHeaders.ERROR)).contains("no-such-model");
        }
    }

    @Test
    void anOllamaThatFailsTwiceIsRetriedAndTheRequestAnsweredOnce() throws JMSException {
        SIMULATOR.install(SimulatedModel.named("flaky-jms"));
        SIMULATOR.failNextGenerations("flaky-jms", 2);
        double redeliveredBefore = count("test-jms-requests", "redelivered");
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, REQUESTS, chat("flaky-jms", "third time lucky", ""), replies, "req-7", Map.of());
            JMSConsumer consumer = jms.createConsumer(replies);

            Message answer = consumer.receive(WAIT);

            assertThat(ProxyClient.json(answer.getBody(String.class)).path("choices").path(0).path("message")
                    .path("content").asText()).isEqualTo("You said: third time lucky");
            assertThat(consumer.receive(500)).isNull();
            assertThat(chatsFor("flaky-jms")).isEqualTo(3);
            assertThat(count("test-jms-requests", "redelivered") - redeliveredBefore).isEqualTo(2);
        }
    }

    @Test
    void anOllamaThatKeepsFailingIsDeadLetteredAfterTheRedeliveries() throws JMSException {
        SIMULATOR.install(SimulatedModel.named("broken-jms"));
        SIMULATOR.failNextGenerations("broken-jms", 100);
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            send(jms, REQUESTS, chat("broken-jms", "never", ""), null, "req-8", Map.of());

            Message dead = jms.createConsumer(jms.createQueue("test.requests.DLQ"), "JMSCorrelationID = 'req-8'")
                    .receive(WAIT);

            assertThat(dead.getIntProperty(MessageHeaders.ERROR_STATUS)).isEqualTo(500);
            assertThat(dead.getStringProperty(MessageHeaders.ERROR)).isEqualTo("simulated server error");
            assertThat(chatsFor("broken-jms")).isEqualTo(3);
        } finally {
            SIMULATOR.failNextGenerations("broken-jms", 0);
        }
    }

    @Test
    void noMoreRequestsRunAtOnceThanTheEntryPointsConcurrency() throws JMSException {
        SIMULATOR.install(SimulatedModel.named("slow-jms").withTokenDelay(Duration.ofMillis(40)));
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            for (int i = 0; i < 6; i++) {
                send(jms, REQUESTS, chat("slow-jms", "request number " + i, ""), replies, "slow-" + i, Map.of());
            }

            List<String> answered = receiveAll(jms.createConsumer(replies), 6);

            assertThat(answered).hasSize(6).doesNotHaveDuplicates();
            assertThat(SIMULATOR.peakConcurrentGenerations("slow-jms")).isEqualTo(2);
        }
    }

    @Test
    void stoppingTheEntryPointWithRequestsInFlightLosesNoneAndAnswersNoneTwice() throws Exception {
        SIMULATOR.install(SimulatedModel.named("stop-jms").withTokenDelay(Duration.ofMillis(60)));
        try (JMSContext jms = BROKER_CLIENT.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            for (int i = 0; i < 6; i++) {
                send(jms, REQUESTS, chat("stop-jms", "in flight " + i, ""), replies, "stop-" + i, Map.of());
            }
            JMSConsumer answers = jms.createConsumer(replies);
            awaitGenerations("stop-jms", 1);

            camel.getRouteController().stopRoute("test-jms-requests");
            List<String> beforeRestart = receiveAll(answers, 6, 500);
            int generatedWhileStopped = chatsFor("stop-jms");
            camel.getRouteController().startRoute("test-jms-requests");
            List<String> afterRestart = receiveAll(answers, 6 - beforeRestart.size());

            assertThat(beforeRestart).isNotEmpty().hasSizeLessThan(6).hasSize(generatedWhileStopped);
            List<String> all = new ArrayList<>(beforeRestart);
            all.addAll(afterRestart);
            assertThat(all).hasSize(6).doesNotHaveDuplicates();
            assertThat(chatsFor("stop-jms")).isEqualTo(6);
        } finally {
            if (!camel.getRouteController().getRouteStatus("test-jms-requests").isStarted()) {
                camel.getRouteController().startRoute("test-jms-requests");
            }
        }
    }

    private static void send(JMSContext jms, String queue, String body, TemporaryQueue replyTo, String correlation,
            Map<String, String> properties) throws JMSException {
        TextMessage message = jms.createTextMessage(body);
        message.setJMSCorrelationID(correlation);
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        jms.createProducer().send(jms.createQueue(queue), message);
    }

    private static String chat(String model, String text, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + ProxyClient.quote(text) + "}]"
                + more + "}";
    }

    private static List<String> receiveAll(JMSConsumer consumer, int expected) throws JMSException {
        return receiveAll(consumer, expected, WAIT);
    }

    private static List<String> receiveAll(JMSConsumer consumer, int expected, long wait) throws JMSException {
        List<String> correlations = new ArrayList<>();
        while (correlations.size() < expected) {
            Message answer = consumer.receive(wait);
            if (answer == null) {
                break;
            }
            correlations.add(answer.getJMSCorrelationID());
        }
        return correlations;
    }

    private static void awaitGenerations(String model, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (chatsFor(model) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    private double count(String route, String outcome) {
        Counter counter = meters.find(MessageMetrics.METER).tags("entry", route, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
