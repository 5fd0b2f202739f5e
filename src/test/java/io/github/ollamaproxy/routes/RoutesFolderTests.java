package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.StandaloneProxy;
import io.github.ollamaproxy.support.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The routes come from the jar; a routes folder adds routes and replaces shipped ones by id; a
 * configured folder that does not exist stops the start with one clear message.
 */
class RoutesFolderTests {

    @TempDir
    Path data;

    @TempDir
    Path folder;

    @Test
    void aFolderRouteReplacesTheShippedOneWithTheSameIdAndTheOthersStillServe() throws IOException {
        Files.writeString(folder.resolve("concise.camel.yaml"), """
                - route:
                    id: agent-concise
                    description: "Asks for one word"
                    from:
                      uri: direct:agent-concise
                      steps:
                        - script:
                            simple: "${body.addSystemMessage('Answer in one word.')}"
                """);

        try (StandaloneProxy proxy = start("--OLLAMA_PROXY_ROUTES_DIR=" + folder)) {
            ProxyClient client = proxy.client();
            var answer = client.postJson("/api/chat", "{\"model\":\"" + TestUpstream.MODEL + "\",\"stream\":false,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"/concise hi\"}]}");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(TestUpstream.simulator().lastRequest("/api/chat", TestUpstream.MODEL).json()
                    .path("messages").get(0).path("content").asText()).isEqualTo("Answer in one word.");
            assertThat(client.get("/v1/models").statusCode()).isEqualTo(200);
            assertThat(client.get("/plugins").body()).contains("Asks for one word");
        }
    }

    @Test
    void aConfiguredFolderThatDoesNotExistStopsTheStartNamingTheSetting() {
        Path missing = folder.resolve("no-such-folder");

        assertThatThrownBy(() -> start("--OLLAMA_PROXY_ROUTES_DIR=" + missing))
                .rootCause()
                .isInstanceOf(RoutesFolderMissingException.class)
                .hasMessage("The routes folder " + missing + " set by OLLAMA_PROXY_ROUTES_DIR "
                        + "(ollama-proxy.routes.dir) does not exist");
    }

    @Test
    void theStartFailureIsReportedWithoutAStackTrace() {
        RoutesFolderMissingException failure = new RoutesFolderMissingException(Path.of("/srv/routes"));

        FailureAnalysis analysis = new RoutesFolderFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription()).isEqualTo(
                "The routes folder /srv/routes set by OLLAMA_PROXY_ROUTES_DIR (ollama-proxy.routes.dir) does not exist.")
                .doesNotContain("\n");
        assertThat(analysis.getAction()).contains("unset OLLAMA_PROXY_ROUTES_DIR");
    }

    private StandaloneProxy start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--OLLAMA_PROXY_DATA_DIR=" + data;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return StandaloneProxy.start(all);
    }
}
