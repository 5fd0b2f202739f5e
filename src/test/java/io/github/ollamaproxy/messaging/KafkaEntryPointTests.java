package io.github.ollamaproxy.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka entry point ({@code routes/integration/kafka.camel.yaml}) through an embedded KRaft
 * broker, with a plain Kafka producer and consumer.
 */
class KafkaEntryPointTests extends MessagingIntegrationTest {

    private static final String REQUESTS = "test.kafka.requests";
    private static final String ANSWERS = "test.kafka.answers";
    private static final String DEAD_LETTERS = "test.kafka.requests.DLQ";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaProducer<String, String> producer;
    private static KafkaConsumer<String, String> answers;
    private static KafkaConsumer<String, String> deadLetters;
    private static final List<ConsumerRecord<String, String>> RECEIVED = new ArrayList<>();
    private static final List<ConsumerRecord<String, String>> DEAD = new ArrayList<>();

    @BeforeAll
    static void connect() {
        Properties producing = new Properties();
        producing.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        producing.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producing.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(producing);
        answers = consumer(ANSWERS);
        deadLetters = consumer(DEAD_LETTERS);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        answers.close();
        deadLetters.close();
    }

    @Test
    void aRequestIsAnsweredToTheReplyTopicWithItsKeyAndCorrelationId() throws Exception {
        String correlation = UUID.randomUUID().toString();
        send("customer-42", chat(MODEL, "hello over Kafka"), Map.of(MessageHeaders.CORRELATION_ID, correlation));

        ConsumerRecord<String, String> answer = await(RECEIVED, answers, correlation);

        assertThat(answer.key()).isEqualTo("customer-42");
        assertThat(ProxyClient.json(answer.value()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("You said: hello over Kafka");
        assertThat(header(answer, MessageHeaders.AGENTS)).isNull();
    }

    @Test
    void aSlashCommandAndTheAgentsHeaderWorkAsOverHttp() throws Exception {
        String correlation = UUID.randomUUID().toString();
        send("k", "{\"model\":\"" + MODEL + "\",\"prompt\":\"/concise Explain Kafka\",\"options\":{\"seed\":1}}",
                Map.of(MessageHeaders.CORRELATION_ID, correlation));

        ConsumerRecord<String, String> answer = await(RECEIVED, answers, correlation);

        assertThat(ProxyClient.json(answer.value()).path("response").asText()).isEqualTo("You said: Explain Kafka");
        assertThat(header(answer, MessageHeaders.AGENTS)).isEqualTo("concise");
        assertThat(SIMULATOR.lastRequest("/api/generate", MODEL).json().path("system").asText())
                .contains("Answer in three sentences at most.");
    }

    @Test
    void badJsonIsDeadLetteredWithItsErrorAnsweredAndItsOffsetCommitted() throws Exception {
        String correlation = UUID.randomUUID().toString();
        send("bad", "{\"model\": nope", Map.of(MessageHeaders.CORRELATION_ID, correlation));

        ConsumerRecord<String, String> dead = await(DEAD, deadLetters, correlation);
        ConsumerRecord<String, String> answer = await(RECEIVED, answers, correlation);

        assertThat(dead.value()).isEqualTo("{\"model\": nope");
        assertThat(header(dead, MessageHeaders.ERROR_STATUS)).isEqualTo("400");
        assertThat(header(dead, MessageHeaders.ERROR)).startsWith("invalid JSON");
        assertThat(ProxyClient.json(answer.value()).path("error").path("message").asText()).startsWith("invalid JSON");
        awaitAllCommitted();
    }

    @Test
    void aRequestDeliveredTwiceIsAnsweredOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        SIMULATOR.install(SimulatedModel.named("once-kafka"));
        Map<String, String> headers = Map.of(KafkaRequests.MESSAGE_ID, id, MessageHeaders.CORRELATION_ID, id);
        send("dup", chat("once-kafka", "only once"), headers);
        send("dup", chat("once-kafka", "only once"), headers);
        String later = UUID.randomUUID().toString();
        send("dup", chat("once-kafka", "after the duplicate"), Map.of(MessageHeaders.CORRELATION_ID, later));

        await(RECEIVED, answers, later);
        awaitAllCommitted();

        assertThat(RECEIVED.stream().filter(record -> id.equals(header(record, MessageHeaders.CORRELATION_ID))))
                .hasSize(1);
        assertThat(chatsFor("once-kafka")).isEqualTo(2);
    }

    @Test
    void anOllamaThatFailsTwiceIsRetriedAndTheRequestAnsweredOnce() throws Exception {
        SIMULATOR.install(SimulatedModel.named("flaky-kafka"));
        SIMULATOR.failNextGenerations("flaky-kafka", 2);
        String correlation = UUID.randomUUID().toString();
        send("flaky", chat("flaky-kafka", "third time lucky"), Map.of(MessageHeaders.CORRELATION_ID, correlation));

        ConsumerRecord<String, String> answer = await(RECEIVED, answers, correlation);

        assertThat(ProxyClient.json(answer.value()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("You said: third time lucky");
        assertThat(chatsFor("flaky-kafka")).isEqualTo(3);
    }

    private static void send(String key, String value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(REQUESTS, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    private static ConsumerRecord<String, String> await(List<ConsumerRecord<String, String>> seen,
            KafkaConsumer<String, String> consumer, String correlation) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : seen) {
                if (correlation.equals(header(record, MessageHeaders.CORRELATION_ID))) {
                    return record;
                }
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        throw new AssertionError("no record with correlation id " + correlation + " within " + WAIT);
    }

    private static void awaitAllCommitted() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        try (Admin client = Admin.create(admin)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets("test-proxy")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> ends = endOffsets();
                boolean all = ends.entrySet().stream().allMatch(end -> end.getValue() == (committed.get(end.getKey()) == null
                        ? 0 : committed.get(end.getKey()).offset()));
                if (all) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("offsets of " + REQUESTS + " not all committed within " + WAIT);
        }
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(consumerProperties("offset-probe"))) {
            List<TopicPartition> partitions = probe.partitionsFor(REQUESTS).stream()
                    .map(info -> new TopicPartition(REQUESTS, info.partition())).toList();
            return probe.endOffsets(partitions);
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties("reader-" + topic));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Properties consumerProperties(String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return properties;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + ProxyClient.quote(text) + "}]}";
    }
}
