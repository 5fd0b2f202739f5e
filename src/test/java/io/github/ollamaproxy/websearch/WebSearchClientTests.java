package io.github.ollamaproxy.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.support.FakeSearchServer;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web search route ({@code routes/web-search.camel.yaml}: camel-http behind the circuit-breaker EIP)
 * and its client against a local fake SearxNG.
 */
class WebSearchClientTests {

    private final FakeSearchServer search = new FakeSearchServer();
    private DefaultCamelContext camel;
    private WebSearchClient client;

    @AfterEach
    void close() {
        if (camel != null) {
            camel.stop();
        }
        search.close();
    }

    @Test
    void resultsCarryTitleUrlAndSnippetAndTheQueryIsSentAsSearxngExpects() throws Exception {
        start(search.searchUrl() + "?engines=wikipedia", 2, 2);

        WebSearchOutcome outcome = client.search("zebra migration");

        assertThat(outcome.status()).isEqualTo(WebSearchOutcome.Status.OK);
        assertThat(outcome.query()).isEqualTo("zebra migration");
        assertThat(outcome.results()).containsExactly(
                new WebResult("First result for zebra migration", search.pageUrl("first"),
                        "Snippet one about zebra migration."),
                new WebResult("Second result", "https://example.org/second", "Snippet two about zebra migration."));
        assertThat(search.searches()).singleElement().satisfies(parameters -> {
            assertThat(parameters).containsEntry("q", "zebra migration").containsEntry("format", "json")
                    .containsEntry("safesearch", "1").containsEntry("engines", "wikipedia");
        });
    }

    @Test
    void resultsWithoutAddressAreDroppedAndAMissingTitleBecomesTheAddress() throws Exception {
        start(search.searchUrl(), 10, 2);

        assertThat(client.search("anything").results()).extracting(WebResult::title)
                .containsExactly("First result for anything", "Second result", "https://example.org/untitled");
    }

    @Test
    void aFailingSearchIsAnOutcomeNotAnError() throws Exception {
        start(search.searchUrl(), 5, 5);
        search.behave(FakeSearchServer.Behaviour.FAIL);

        WebSearchOutcome outcome = client.search("zebra");

        assertThat(outcome.status()).isEqualTo(WebSearchOutcome.Status.FAILED);
        assertThat(outcome.results()).isEmpty();
        assertThat(outcome.error()).isEqualTo("the search answered HTTP 500");
        assertThat(outcome.query()).isEqualTo("zebra");
    }

    @Test
    void anAnswerThatIsNotJsonFails() throws Exception {
        start(search.searchUrl(), 5, 5);
        search.behave(FakeSearchServer.Behaviour.NOT_JSON);

        WebSearchOutcome outcome = client.search("zebra");

        assertThat(outcome.status()).isEqualTo(WebSearchOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("SearxNG's JSON");
    }

    @Test
    void aSlowSearchTimesOut() throws Exception {
        start(search.searchUrl(), 5, 5);
        search.behave(FakeSearchServer.Behaviour.SLOW);

        long started = System.nanoTime();
        WebSearchOutcome outcome = client.search("zebra");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(outcome.status()).isEqualTo(WebSearchOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo("no answer within 1000 ms");
        assertThat(millis).isLessThan(1_900);
    }

    @Test
    void theCircuitOpensAfterConsecutiveFailuresAndThenTheSearchIsNotCalled() throws Exception {
        start(search.searchUrl(), 5, 2);
        search.behave(FakeSearchServer.Behaviour.FAIL);
        client.search("one");
        client.search("two");
        search.behave(FakeSearchServer.Behaviour.ANSWER);

        WebSearchOutcome outcome = client.search("three");

        assertThat(outcome.status()).isEqualTo(WebSearchOutcome.Status.CIRCUIT_OPEN);
        assertThat(client.circuitState()).isEqualTo("open");
        assertThat(search.searches()).hasSize(2);
    }

    @Test
    void successfulResultsAreCached() throws Exception {
        start(search.searchUrl(), 5, 5);

        client.search("zebra");
        WebSearchOutcome again = client.search("zebra");

        assertThat(again.status()).isEqualTo(WebSearchOutcome.Status.OK);
        assertThat(search.searches()).hasSize(1);
    }

    @Test
    void withoutAUrlThereIsNoSearch() throws Exception {
        start("", 5, 5);

        assertThat(client.enabled()).isFalse();
        assertThat(client.search("zebra").status()).isEqualTo(WebSearchOutcome.Status.DISABLED);
    }

    @Test
    void pagesAreFetchedOnlyFromConfiguredHosts() throws Exception {
        WebSearchProperties properties = start(search.searchUrl(), 5, 5, List.of("127.0.0.1"));
        WebPageFetcher pages = new WebPageFetcher(properties, camel.createProducerTemplate());

        assertThat(pages.allowed("https://example.org/second")).isFalse();
        assertThat(pages.fetch("https://example.org/second")).isEmpty();
        assertThat(pages.fetch(search.pageUrl("first"))).hasValueSatisfying(page ->
                assertThat(page.title()).isEqualTo("Fetched page"));
        assertThat(search.pageFetches()).containsExactly("/page/first");
    }

    private void start(String url, int results, int failures) throws Exception {
        start(url, results, failures, List.of());
    }

    private WebSearchProperties start(String url, int results, int failures, List<String> fetchHosts)
            throws Exception {
        WebSearchProperties properties = new WebSearchProperties(url, results, 1, 1000,
                new WebSearchProperties.Breaker(failures, Duration.ofSeconds(60), 3), fetchHosts, Duration.ofHours(1));
        CircuitBreaker breaker = new WebSearchConfiguration().webSearchBreaker(properties);
        camel = new DefaultCamelContext();
        Properties placeholders = new Properties();
        placeholders.setProperty("ollama-proxy.rag.web-search.timeout-millis", "1000");
        camel.getPropertiesComponent().setInitialProperties(placeholders);
        camel.getRegistry().bind(WebSearchConfiguration.BREAKER, breaker);
        camel.getRegistry().bind("webSearchExchanges",
                new WebSearchExchanges(properties, new JsonCodec(new ObjectMapper())));
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/web-search.camel.yaml"));
        camel.start();
        client = new WebSearchClient(properties, camel.createProducerTemplate(), breaker, new SimpleMeterRegistry());
        return properties;
    }
}
