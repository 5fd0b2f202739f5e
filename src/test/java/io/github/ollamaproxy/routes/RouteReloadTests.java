package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dev profile: route files edited while the proxy runs take effect; broken edits do not. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteReloadTests extends ProxyTestBase {

    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    private static final Path ROUTES = copyOfShippedRoutes();
    private static final Duration RELOAD = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-reload");
        registry.add("OLLAMA_PROXY_ROUTES_DIR", ROUTES::toString);
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
    }

    @Test
    @Order(1)
    void editedRouteIsLiveWithoutARestart() throws IOException {
        assertThat(systemMessageOfConcise()).isEqualTo("Answer in three sentences at most.");

        Path file = ROUTES.resolve("agent-concise.yaml");
        Files.writeString(file, Files.readString(file).replace("three sentences", "one sentence"));

        await().atMost(RELOAD).until(() -> systemMessageOfConcise().equals("Answer in one sentence at most."));
    }

    @Test
    @Order(2)
    void addedAgentRouteIsPickedUp() throws IOException {
        Files.writeString(ROUTES.resolve("agent-echo.yaml"), """
                - route:
                    id: agent-echo
                    description: "Answers with the question"
                    from:
                      uri: direct:agent-echo
                      steps:
                        - setBody:
                            simple: "echo: ${body.userText.get}"
                """);

        await().atMost(RELOAD).until(() -> client.get("/plugins").body().contains("\"name\":\"echo\""));
        var answer = client.postJson("/api/chat", chat("/echo ping"));
        assertThat(ProxyClient.json(answer.body()).path("message").path("content").asText()).isEqualTo("echo: ping");
    }

    @Test
    @Order(3)
    void brokenEditKeepsThePreviousRoutesServing() throws Exception {
        String current = systemMessageOfConcise();
        Path file = ROUTES.resolve("agent-concise.yaml");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("- route:", "- route: [unclosed").replace("steps:", "steps: {{{"));

        Thread.sleep(5_000);
        assertThat(systemMessageOfConcise()).isEqualTo(current);
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        Files.writeString(file, good);
    }

    private String systemMessageOfConcise() {
        var response = client.postJson("/api/chat", chat("/concise hi"));
        assertThat(response.statusCode()).isEqualTo(200);
        return SIMULATOR.lastRequest("/api/chat", TestUpstream.MODEL).json().path("messages").get(0).path("content").asText();
    }

    private static String chat(String content) {
        return "{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]}";
    }

    private static Path copyOfShippedRoutes() {
        try {
            Path copy = Files.createTempDirectory("routes");
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
