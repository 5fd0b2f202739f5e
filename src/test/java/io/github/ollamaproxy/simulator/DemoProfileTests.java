package io.github.ollamaproxy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.ollamaproxy.support.ProxyClient;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's run command: the demo profile serves on its own, with the built-in simulator, and
 * answers JMS requests through its embedded broker (docs/integration.md).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
class DemoProfileTests {

    private static final int PROXY_PORT = freePort();
    private static final int SIMULATOR_PORT = freePort();
    private static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_SERVER_PORT", () -> PROXY_PORT);
        registry.add("ollama-proxy.simulator.port", () -> SIMULATOR_PORT);
        registry.add("ollama-proxy.simulator.token-delay", () -> "5ms");
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-demo");
        registry.add("ollama-proxy.messaging.embedded-broker-acceptor", () -> "tcp://127.0.0.1:" + BROKER_PORT);
    }

    @Test
    void aJmsClientOfAnotherProcessGetsAnswersFromTheDemoQueue() throws JMSException {
        try (ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
                JMSContext jms = broker.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(
                    "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello from JMS\"}]}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("demo-1");
            jms.createProducer().send(jms.createQueue("llm.requests"), request);

            Message answer = jms.createConsumer(replies).receive(10_000);

            assertThat(answer.getJMSCorrelationID()).isEqualTo("demo-1");
            assertThat(ProxyClient.json(answer.getBody(String.class)).path("choices").path(0).path("message")
                    .path("content").asText()).isEqualTo("You said: Hello from JMS");
        }
    }

    @Test
    void proxyAnswersFromTheBuiltInSimulatorOnTheConfiguredPort() {
        ProxyClient client = new ProxyClient(PROXY_PORT);

        assertThat(ProxyClient.json(client.get("/health").body()).path("details").path("upstream_url").asText())
                .isEqualTo("http://127.0.0.1:" + SIMULATOR_PORT);
        assertThat(client.get("/api/tags").body()).contains("llama3.2:latest", "qwen2.5-coder:1.5b", "nomic-embed-text:latest");

        ProxyClient.TimedLines lines = client.streamLines("/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"/example Why is the sky blue?\"}]}");
        StringBuilder text = new StringBuilder();
        lines.lines().forEach(line -> text.append(ProxyClient.json(line).path("message").path("content").asText()));
        assertThat(text).hasToString("You said: [Example Agent] Why is the sky blue?");

        var pulled = client.postJson("/api/generate", "{\"model\":\"gemma3:1b\",\"prompt\":\"hi\",\"stream\":false}");
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(client.get("/api/tags").body()).contains("gemma3:1b");
    }

    @Test
    void aRequestFileDroppedIntoTheDemoInboxIsAnswered() throws Exception {
        Path inbox = Files.createDirectories(Path.of("target/test-data-demo/requests/inbox"));
        Path staged = Files.writeString(inbox.resolveSibling("hello.json.part"),
                "{\"model\":\"llama3.2\",\"prompt\":\"Hello from a file\"}");
        Files.move(staged, inbox.resolve("hello.json"), StandardCopyOption.REPLACE_EXISTING);
        Path answer = Path.of("target/test-data-demo/requests/outbox/hello.answer.json");

        long deadline = System.currentTimeMillis() + 15_000;
        while (!Files.exists(answer) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }

        assertThat(ProxyClient.json(Files.readString(answer)).path("choices").path(0).path("text").asText())
                .isEqualTo("You said: Hello from a file");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
