package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * How the Ollama servers are configured, named, ordered for a request (least busy, then weights)
 * and taken out and brought back by their circuit breakers.
 */
class OllamaServersTests {

    private static final UpstreamProperties ONE_SERVER = new UpstreamProperties("ollama", 11434, Duration.ofSeconds(5),
            Duration.ofMinutes(10), 1000);

    @Test
    void serversBindFromOneLineOrFromAList() {
        assertThat(bind(Map.of("ollama-proxy.upstreams", "http://gpu1:11434, gpu2;weight=2")).upstreams())
                .containsExactly(new UpstreamEntry("http://gpu1:11434", null, null), new UpstreamEntry("gpu2", 2, null));
        assertThat(bind(Map.of("ollama-proxy.upstreams[0].url", "https://gpu3", "ollama-proxy.upstreams[0].weight", "3",
                "ollama-proxy.upstreams[0].name", "big")).upstreams())
                .containsExactly(new UpstreamEntry("https://gpu3", 3, "big"));
        assertThat(bind(Map.of()).upstreams()).isEmpty();
    }

    @Test
    void namesDefaultToHostAndPortAndAreMatchedWithoutCase() {
        OllamaServers servers = servers(new UpstreamEntry("gpu1", null, null), new UpstreamEntry("http://gpu2:9000", null, "Big"));

        assertThat(servers.all()).extracting(OllamaServer::name).containsExactly("gpu1:11434", "Big");
        assertThat(servers.all().get(0).baseUri()).hasToString("http://gpu1:11434");
        assertThat(servers.named("big")).containsSame(servers.all().get(1));
        assertThat(servers.named("http://gpu2:9000/")).containsSame(servers.all().get(1));
        assertThat(servers.named("gpu3")).isEmpty();
        assertThat(servers.names()).isEqualTo("gpu1:11434, Big");
    }

    @Test
    void withoutAListTheOneUpstreamIsTheOnlyServer() {
        OllamaServers servers = new OllamaServers(new UpstreamsProperties(null), ONE_SERVER, routing(Duration.ofSeconds(15)),
                new SimpleMeterRegistry());

        assertThat(servers.several()).isFalse();
        assertThat(servers.all()).extracting(server -> server.baseUri().toString()).containsExactly("http://ollama:11434");
    }

    @Test
    void badEntriesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UpstreamEntry.parse("gpu1;weight=two")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> servers(new UpstreamEntry("gpu1", 0, null))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> servers(new UpstreamEntry("gpu1", null, "x"), new UpstreamEntry("gpu2", null, "X")))
                .hasMessageContaining("two upstreams are named X");
    }

    @Test
    void equallyBusyServersShareRequestsByWeight() {
        OllamaServers servers = servers(new UpstreamEntry("light", null, null), new UpstreamEntry("heavy", 2, null));
        Map<String, Integer> given = new HashMap<>();

        for (int i = 0; i < 30; i++) {
            OllamaServer next = ServerRanking.leastBusyFirst(servers.all(), server -> false).get(0);
            next.enter();
            next.leave();
            given.merge(next.name(), 1, Integer::sum);
        }

        assertThat(given).containsEntry("light:11434", 10).containsEntry("heavy:11434", 20);
    }

    @Test
    void theLeastBusyServerComesBeforeWeightsAndAfterWhereTheModelIsLoaded() {
        OllamaServers servers = servers(new UpstreamEntry("light", null, null), new UpstreamEntry("heavy", 5, null));
        servers.all().get(1).enter();

        assertThat(ServerRanking.leastBusyFirst(servers.all(), server -> false)).extracting(OllamaServer::name)
                .containsExactly("light:11434", "heavy:11434");
        assertThat(ServerRanking.leastBusyFirst(servers.all(), server -> server.name().startsWith("heavy")))
                .as("where the model is loaded comes first").extracting(OllamaServer::name)
                .containsExactly("heavy:11434", "light:11434");
    }

    @Test
    void aFailingServerIsTakenOutAndOneSuccessfulProbeBringsItBack() throws Exception {
        OllamaServers servers = new OllamaServers(new UpstreamsProperties(List.of(new UpstreamEntry("a", null, null),
                new UpstreamEntry("b", null, null))), ONE_SERVER, routing(Duration.ofMillis(200)), new SimpleMeterRegistry());
        OllamaServer a = servers.all().get(0);

        for (int i = 0; i < 4; i++) {
            assertThat(a.tryAcquire()).isTrue();
            a.failed(1_000_000, new IOException("refused"), "connect");
        }
        assertThat(a.isTakenOut()).isTrue();
        assertThat(a.circuitState()).isEqualTo("open");
        assertThat(a.tryAcquire()).as("no call while open").isFalse();
        assertThat(servers.firstAvailable().name()).isEqualTo("b:11434");
        assertThat(ServerRanking.leastBusyFirst(servers.all(), server -> true)).extracting(OllamaServer::name)
                .containsExactly("b:11434", "a:11434");

        Thread.sleep(300);
        assertThat(a.tryAcquire()).as("one probe after open-for").isTrue();
        assertThat(a.circuitState()).isEqualTo("half_open");
        assertThat(a.tryAcquire()).as("only one").isFalse();
        a.succeeded(1_000_000);
        assertThat(a.isTakenOut()).isFalse();
        assertThat(servers.firstAvailable().name()).isEqualTo("a:11434");
    }

    private static OllamaServers servers(UpstreamEntry... entries) {
        return new OllamaServers(new UpstreamsProperties(List.of(entries)), ONE_SERVER, routing(Duration.ofSeconds(15)),
                new SimpleMeterRegistry());
    }

    private static RoutingProperties routing(Duration openFor) {
        return new RoutingProperties(Duration.ofSeconds(5), 3, new RoutingProperties.CircuitBreaker(50, 10, 4, openFor));
    }

    private static UpstreamsProperties bind(Map<String, String> properties) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new UpstreamEntryConverter());
        return new Binder(List.of(new MapConfigurationPropertySource(properties)), null, conversion)
                .bindOrCreate("ollama-proxy", UpstreamsProperties.class);
    }
}
