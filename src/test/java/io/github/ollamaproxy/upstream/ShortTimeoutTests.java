package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.ollamaproxy.simulator.Fault;
import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyTestBase;
import io.github.ollamaproxy.support.TestUpstream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A one-second read timeout, auto-pull turned off and an always-on agent, against the simulator. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ollama-proxy.upstream.read-timeout=1s", "ollama-proxy.models.auto-pull=false",
        "OLLAMA_PROXY_MODEL_CACHE_TTL=1", "OLLAMA_PROXY_PLUGINS_DIR=target/no-plugins",
        "ollama-proxy.agents.always=example",
        "OLLAMA_PROXY_DATA_DIR=target/test-data-short-timeouts"})
class ShortTimeoutTests extends ProxyTestBase {

    private static final OllamaSimulator SIMULATOR = TestUpstream.simulator();


    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsA504EvenForStreams() {
        SIMULATOR.install(SimulatedModel.named("never-answers").withFault(Fault.hang()));

        HttpResponse<String> response = client.postJson("/api/chat",
                "{\"model\":\"never-answers\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(ProxyClient.json(response.body()).path("error").asText()).startsWith("upstream Ollama did not answer in time");
    }

    @Test
    void silenceMidStreamEndsTheStreamWithAnErrorLine() {
        SIMULATOR.install(SimulatedModel.named("falls-silent").withFault(Fault.stallAfter(2)));

        ProxyClient.TimedLines lines = client.streamLines("/api/generate", "{\"model\":\"falls-silent\",\"prompt\":\"hi\"}");

        assertThat(lines.response().statusCode()).isEqualTo(200);
        assertThat(lines.lines()).hasSize(3);
        assertThat(lines.last().path("error").asText()).isEqualTo("upstream Ollama sent nothing within the read timeout");
    }

    @Test
    void alwaysOnAgentRunsWithoutBeingAskedFor() {
        HttpResponse<String> response = client.postJson("/api/chat", "{\"model\":\"" + TestUpstream.MODEL
                + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"plain\"}]}");

        assertThat(response.headers().firstValue("X-Ollama-Proxy-Agents")).hasValue("example");
        assertThat(ProxyClient.json(response.body()).path("message").path("content").asText())
                .isEqualTo("You said: [Example Agent] plain [processed by example agent]");
    }

    @Test
    void withoutAutoPullTheUpstreamAnswerIsRelayed() {
        SIMULATOR.publish(SimulatedModel.named("not-pulled"));

        HttpResponse<String> response = client.postJson("/api/generate", "{\"model\":\"not-pulled\",\"prompt\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"model 'not-pulled' not found\"}");
        assertThat(SIMULATOR.pullCount("not-pulled")).isZero();
    }
}
