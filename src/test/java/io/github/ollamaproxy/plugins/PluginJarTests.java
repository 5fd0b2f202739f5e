package io.github.ollamaproxy.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An agent plugin built as a jar at test time (compiled against the agent API, registered in
 * {@code META-INF/services}) and dropped into the plugins folder.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PluginJarTests extends ProxyTestBase {

    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    private static final Path PLUGINS = buildPluginsFolder();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
        registry.add("OLLAMA_PROXY_DATA_DIR", () -> "target/test-data-plugin-jar");
        registry.add("OLLAMA_PROXY_PLUGINS_DIR", PLUGINS::toString);
    }

    @Test
    void agentFromAPluginJarIsListedAndRuns() {
        JsonNode shout = plugins().get("shout");
        assertThat(shout.path("source").asText()).isEqualTo("jar");
        assertThat(shout.path("origin").asText()).isEqualTo("shout-plugin.jar");
        assertThat(shout.path("status").asText()).isEqualTo("loaded");
        assertThat(shout.path("description").asText()).isEqualTo("Shouts the question");

        var response = client.postJson("/api/chat", "{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"/shout hello plugin\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.json(response.body()).path("message").path("content").asText())
                .isEqualTo("You said: HELLO PLUGIN");
    }

    @Test
    void providerThatCannotBeCreatedIsListedAsFailed() {
        JsonNode broken = plugins().values().stream()
                .filter(agent -> agent.path("status").asText().equals("failed"))
                .findFirst().orElseThrow();

        assertThat(broken.path("source").asText()).isEqualTo("jar");
        assertThat(broken.path("reason").asText()).contains("BrokenAgent").contains("cannot start");
    }

    private Map<String, JsonNode> plugins() {
        Map<String, JsonNode> byName = new HashMap<>();
        ProxyClient.json(client.get("/plugins").body()).forEach(agent -> byName.put(agent.path("name").asText(), agent));
        return byName;
    }

    private static Path buildPluginsFolder() {
        try {
            Path work = Files.createTempDirectory("plugin-build");
            Path sources = Files.createDirectories(work.resolve("src/demo/plugin"));
            Files.writeString(sources.resolve("ShoutAgent.java"), """
                    package demo.plugin;
                    import io.github.ollamaproxy.agent.Agent;
                    import io.github.ollamaproxy.agent.LlmRequest;
                    public class ShoutAgent implements Agent {
                        public String name() { return "shout"; }
                        public String description() { return "Shouts the question"; }
                        public void onRequest(LlmRequest request) {
                            request.userText().ifPresent(text -> request.setUserText(text.toUpperCase()));
                        }
                    }
                    """);
            Files.writeString(sources.resolve("BrokenAgent.java"), """
                    package demo.plugin;
                    import io.github.ollamaproxy.agent.Agent;
                    public class BrokenAgent implements Agent {
                        public BrokenAgent() { throw new IllegalStateException("cannot start"); }
                        public String name() { return "broken"; }
                    }
                    """);
            Path classes = Files.createDirectories(work.resolve("classes"));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            String classpath = String.join(java.io.File.pathSeparator, List.of(location(Agent.class),
                    location(JsonNode.class), location(TreeNode.class)));
            int status = compiler.run(null, null, null, "-d", classes.toString(), "-classpath", classpath,
                    sources.resolve("ShoutAgent.java").toString(), sources.resolve("BrokenAgent.java").toString());
            assertThat(status).as("plugin compilation").isZero();

            Path plugins = Files.createDirectories(work.resolve("plugins"));
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("shout-plugin.jar")));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, jar);
                    jar.closeEntry();
                }
                jar.putNextEntry(new JarEntry("META-INF/services/" + Agent.class.getName()));
                writeLine(jar, "demo.plugin.ShoutAgent");
                writeLine(jar, "demo.plugin.BrokenAgent");
                jar.closeEntry();
            }
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
