package io.github.ollamaproxy.messaging;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests of the message-driven entry points, which share one context: an embedded
 * Artemis broker reached in-VM, an embedded KRaft Kafka broker on 127.0.0.1, fast redeliveries, and
 * the entry points of {@code src/test/resources/messaging-routes}.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.artemis.mode=native", "spring.artemis.embedded.enabled=true",
        "spring.artemis.broker-url=vm://" + MessagingIntegrationTest.BROKER + "?consumerWindowSize=0",
        "spring.artemis.embedded.server-id=" + MessagingIntegrationTest.BROKER,
        "spring.artemis.embedded.queues=test.requests,test.answers,test.requests.DLQ,test.native,test.native.DLQ",
        "ollama-proxy.routes.dir=src/test/resources/messaging-routes",
        "ollama-proxy.messaging.redelivery.initial-delay=20ms",
        "ollama-proxy.messaging.redelivery.max-redeliveries=2",
        "OLLAMA_PROXY_PLUGINS_DIR=target/no-plugins",
        "OLLAMA_PROXY_DATA_DIR=target/test-data-messaging"})
abstract class MessagingIntegrationTest {

    static final int BROKER = 71;
    static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    static final String MODEL = TestUpstream.MODEL;

    /** A KRaft Kafka broker for the Kafka entry point, started once for all these tests. */
    static final EmbeddedKafkaBroker KAFKA = startKafka();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("camel.component.kafka.brokers", KAFKA::getBrokersAsString);
    }

    private static EmbeddedKafkaBroker startKafka() {
        EmbeddedKafkaBroker kafka = new EmbeddedKafkaKraftBroker(1, 2, "test.kafka.requests", "test.kafka.answers",
                "test.kafka.requests.DLQ").kafkaPorts(0);
        kafka.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        return kafka;
    }

    /** How many chat requests for a model reached the simulator. */
    static int chatsFor(String model) {
        return (int) SIMULATOR.requests("/api/chat").stream()
                .filter(request -> SimulatedModel.canonicalName(model)
                        .equals(SimulatedModel.canonicalName(request.json().path("model").asText())))
                .count();
    }
}
