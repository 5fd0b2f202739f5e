package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Questions that name a setting, or misspell words, find the page that documents it, in the shipped
 * guide the main test context indexes: the setting's full name is a search term, and so are its
 * words; a word the guide does not have is read as its closest word in the guide.
 */
class SettingNameSearchTests extends ProxyIntegrationTest {

    @BeforeEach
    void synchronised() {
        KnowledgeStatusProbe.lastSync(client);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "max-connections                                  | configuration.md",
        "ollama-proxy.upstream.max-connections            | configuration.md",
        "What does ollama-proxy.models.auto-pull do?      | configuration.md connecting-clients.md",
        "is max-request-body configurable                 | configuration.md"})
    void aSettingsNameFindsItsPage(String question, String pages) {
        JsonNode answer = search(question);

        assertThat(answer.path("hits").path(0).path("path").asText()).isIn((Object[]) pages.split(" "));
        assertThat(answer.path("action").asText()).isNotEqualTo("incorrect");
    }

    @Test
    void misspeltWordsAreReadAsTheClosestWordsOfTheGuide() {
        JsonNode answer = search("How can I confgure the size of the conection pool to Ollama?");

        assertThat(answer.path("terms")).extracting(JsonNode::asText).contains("configur", "connect")
                .doesNotContain("confgur", "conect");
        assertThat(answer.path("hits").path(0).path("path").asText()).isEqualTo("configuration.md");
        assertThat(answer.path("action").asText()).isNotEqualTo("incorrect");
    }

    @Test
    void aChattyQuestionIsSearchedForWhatItAsks() {
        JsonNode answer = search("Hi! We have been running the proxy in our team for a month and we love it, great "
                + "work. Our security people asked me something though. How do I change the port the proxy listens "
                + "on? Thanks in advance, and have a nice weekend!");

        JsonNode plain = search("How do I change the port the proxy listens on?");
        assertThat(answer.path("terms")).extracting(JsonNode::asText).containsExactly("chang", "port", "proxi", "listen");
        assertThat(answer.path("hits")).isEqualTo(plain.path("hits"));
        assertThat(answer.path("action").asText()).isEqualTo(plain.path("action").asText()).isNotEqualTo("incorrect");
    }

    @Test
    void theWholeNameIsATermBesideItsWords() {
        assertThat(search("ollama-proxy.models.auto-pull").path("terms")).extracting(JsonNode::asText)
                .contains("ollama-proxy.models.auto-pul", "model", "auto", "pull");
    }

    private JsonNode search(String question) {
        HttpResponse<String> response = client.get("/rag/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return ProxyClient.json(response.body());
    }
}
