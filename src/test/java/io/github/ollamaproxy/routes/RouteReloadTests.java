package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dev profile: a route file of the routes folder edited while the proxy runs takes effect
 * without a restart; an edit that does not load leaves the previous routes serving and is logged
 * in one line. Each test polls until the change shows and fails after {@link #RELOAD}; each puts
 * the files back as they were.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class RouteReloadTests extends ProxyTestBase {

    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    private static final Duration RELOAD = Duration.ofSeconds(20);
    private static final Path ROUTES = folderWithTheShippedConciseAgent();
    private static final Path CONCISE = ROUTES.resolve("concise.camel.yaml");

    private final ListAppender<ILoggingEvent> reloadLog = new ListAppender<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-reload");
        registry.add("OLLAMA_PROXY_ROUTES_DIR", ROUTES::toString);
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", () -> "target/no-plugins");
    }

    @BeforeEach
    void captureReloadLog() {
        reloadLog.start();
        ((Logger) LoggerFactory.getLogger(RouteFolderReload.class)).addAppender(reloadLog);
    }

    @AfterEach
    void releaseReloadLog() {
        ((Logger) LoggerFactory.getLogger(RouteFolderReload.class)).detachAppender(reloadLog);
    }

    @Test
    void anEditedAgentTakesEffectWithoutARestart() throws IOException {
        String shipped = Files.readString(CONCISE);
        assertThat(systemMessageOfConcise()).isEqualTo("Answer in three sentences at most.");
        try {
            Files.writeString(CONCISE, shipped.replace("three sentences", "one sentence"));

            await().atMost(RELOAD).pollInterval(Duration.ofMillis(200))
                    .until(() -> systemMessageOfConcise().equals("Answer in one sentence at most."));
        } finally {
            restore(shipped);
        }
    }

    @Test
    void anAddedAgentFileIsPickedUp() throws IOException {
        Path echo = ROUTES.resolve("echo.camel.yaml");
        try {
            Files.writeString(echo, """
                    - route:
                        id: agent-echo
                        description: "Answers with the question"
                        errorHandler:
                          noErrorHandler: {}
                        from:
                          uri: direct:agent-echo
                          steps:
                            - script:
                                simple: "${body.answer('echo: ${body.userText.get}')}"
                    """);

            await().atMost(RELOAD).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/plugins").body().contains("\"name\":\"echo\""));
            var answer = client.postJson("/api/chat", chat("/echo ping"));
            assertThat(ProxyClient.json(answer.body()).path("message").path("content").asText()).isEqualTo("echo: ping");
        } finally {
            Files.deleteIfExists(echo);
        }
    }

    @Test
    void aNewPositionForAJavaAgentTakesEffectWithoutARestart() throws IOException {
        Path rag = ROUTES.resolve("rag.camel.yaml");
        String shipped = Files.readString(Path.of("routes/agents/rag.camel.yaml"));
        try {
            Files.writeString(rag, shipped.replace("value: \"500\"", "value: \"1500\""));

            await().atMost(RELOAD).pollInterval(Duration.ofMillis(200)).until(() -> position("rag") == 1500);
            var response = client.postJson("/api/chat", chat("/rag /opt where is the data folder?"));
            assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("opt, rag");
        } finally {
            Files.writeString(rag, shipped);
            await().atMost(RELOAD).pollInterval(Duration.ofMillis(200)).until(() -> position("rag") == 500);
            Files.delete(rag);
        }
    }

    @Test
    void aBrokenEditKeepsThePreviousRoutesServingAndIsLoggedInOneLine() throws IOException {
        String shipped = Files.readString(CONCISE);
        String before = systemMessageOfConcise();
        try {
            Files.writeString(CONCISE, shipped.replace("- route:", "- route: [unclosed"));

            await().atMost(RELOAD).pollInterval(Duration.ofMillis(100)).until(() -> !failures().isEmpty());
            ILoggingEvent failure = failures().get(0);
            assertThat(failure.getFormattedMessage())
                    .startsWith("Route file " + CONCISE + " was not reloaded, the previous routes keep serving: ")
                    .doesNotContain("\n");
            assertThat(failure.getThrowableProxy()).isNull();
            assertThat(systemMessageOfConcise()).isEqualTo(before);
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
        } finally {
            restore(shipped);
        }
    }

    private int position(String agent) {
        for (var entry : ProxyClient.json(client.get("/plugins").body())) {
            if (entry.path("name").asText().equals(agent)) {
                return entry.path("position").asInt();
            }
        }
        return -1;
    }

    private List<ILoggingEvent> failures() {
        return reloadLog.list.stream().filter(event -> event.getFormattedMessage().contains("was not reloaded"))
                .toList();
    }

    private void restore(String shipped) throws IOException {
        Files.writeString(CONCISE, shipped);
        await().atMost(RELOAD).pollInterval(Duration.ofMillis(200))
                .until(() -> systemMessageOfConcise().equals("Answer in three sentences at most."));
    }

    private String systemMessageOfConcise() {
        var response = client.postJson("/api/chat", chat("/concise hi"));
        assertThat(response.statusCode()).isEqualTo(200);
        return SIMULATOR.lastRequest("/api/chat", TestUpstream.MODEL).json().path("messages").get(0).path("content")
                .asText();
    }

    private static String chat(String content) {
        return "{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]}";
    }

    private static Path folderWithTheShippedConciseAgent() {
        try {
            Path folder = Files.createTempDirectory("routes");
            Files.copy(Path.of("routes/agents/concise.camel.yaml"), folder.resolve("concise.camel.yaml"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
