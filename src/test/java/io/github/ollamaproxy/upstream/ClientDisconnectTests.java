package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.SilentOllama;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that leaves while Ollama is silent (before the first byte, or in a stream gone quiet)
 * makes the proxy close the upstream connection within about a second, so Ollama stops working for
 * nobody.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"OLLAMA_PROXY_PLUGINS_DIR=target/no-plugins", "OLLAMA_PROXY_DATA_DIR=target/test-data-silent"})
class ClientDisconnectTests extends ProxyTestBase {

    private static final SilentOllama OLLAMA = new SilentOllama();
    private static final Duration BOUND = Duration.ofMillis(1500);

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_OLLAMA_HOST", () -> "127.0.0.1");
        registry.add("OLLAMA_PROXY_OLLAMA_PORT", OLLAMA::port);
    }

    @AfterAll
    static void stop() throws IOException {
        OLLAMA.close();
    }

    @ParameterizedTest(name = "{0} {1} ({2})")
    @CsvSource({
            "/api/chat, silent, '{\"model\":\"silent\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
            "/api/chat, silent, '{\"model\":\"silent\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
            "/api/generate, silent, '{\"model\":\"silent\",\"prompt\":\"hi\"}'",
            "/api/generate, silent, '{\"model\":\"silent\",\"stream\":false,\"prompt\":\"/concise hi\"}'",
            "/v1/chat/completions, silent, '{\"model\":\"silent\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
            "/v1/chat/completions, silent, '{\"model\":\"silent\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
            "/v1/completions, silent, '{\"model\":\"silent\",\"prompt\":\"hi\"}'",
            "/api/chat, quiet, '{\"model\":\"quiet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
            "/v1/chat/completions, quiet, '{\"model\":\"quiet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'"
    })
    void aClientThatLeavesWhileOllamaIsSilentEndsTheUpstreamRequest(String path, String model, String body)
            throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            send(client.getOutputStream(), path, body);
            assertThat(OLLAMA.awaitSilence(Duration.ofSeconds(10))).isEqualTo(path.startsWith("/v1/chat") ? "/api/chat"
                    : path.startsWith("/v1/completions") ? "/api/generate" : path);
            if (model.equals(SilentOllama.QUIET)) {
                readUntilBody(client.getInputStream());
            }
            Thread.sleep(300);
        }
        long left = System.nanoTime();

        Long closed = OLLAMA.awaitClose(Duration.ofSeconds(10));

        assertThat(closed).as("the upstream connection was closed").isNotNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(closed - left)).isLessThan(BOUND.toMillis());
    }

    private static void send(OutputStream out, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Reads the response head and the first bytes of its body. */
    private static void readUntilBody(InputStream in) throws IOException {
        int matched = 0;
        int next;
        while ((next = in.read()) >= 0 && matched < 4) {
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        in.readNBytes(5);
    }
}
