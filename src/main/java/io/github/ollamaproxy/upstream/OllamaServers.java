package io.github.ollamaproxy.upstream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The Ollama servers behind the proxy: {@code ollama-proxy.upstreams}, or the one server of
 * {@code ollama-proxy.upstream.host/port} when that list is empty. Each gets a circuit breaker from
 * {@link RoutingProperties.CircuitBreaker} (resilience4j, the library behind Camel's circuit breaker EIP).
 */
@Component
public class OllamaServers {

    private final List<OllamaServer> servers;
    private final Map<String, OllamaServer> byName;

    public OllamaServers(UpstreamsProperties upstreams, UpstreamProperties upstream, RoutingProperties routing,
            MeterRegistry registry) {
        List<UpstreamEntry> entries = upstreams.upstreams().isEmpty()
                ? List.of(new UpstreamEntry(upstream.baseUri().toString(), null, null))
                : upstreams.upstreams();
        CircuitBreakerConfig config = circuitBreakerConfig(routing.circuitBreaker());
        List<OllamaServer> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (UpstreamEntry entry : entries) {
            if (!names.add(entry.effectiveName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two upstreams are named " + entry.effectiveName()
                        + "; give them different names (ollama-proxy.upstreams[n].name)");
            }
            list.add(new OllamaServer(entry, list.size(), CircuitBreaker.of(entry.effectiveName(), config), registry));
        }
        this.servers = List.copyOf(list);
        this.byName = servers.stream().collect(Collectors.toUnmodifiableMap(
                server -> server.name().toLowerCase(Locale.ROOT), Function.identity()));
    }

    /** Every server, in configuration order. */
    public List<OllamaServer> all() {
        return servers;
    }

    /** Whether there is more than one server, i.e. a choice to make. */
    public boolean several() {
        return servers.size() > 1;
    }

    /** The server of this name (case-insensitive), or its base URL. */
    public Optional<OllamaServer> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        OllamaServer server = byName.get(key);
        if (server != null) {
            return Optional.of(server);
        }
        String url = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return servers.stream().filter(s -> s.baseUri().toString().equalsIgnoreCase(url)).findFirst();
    }

    /** The first server not taken out by its circuit breaker, or the first one. */
    public OllamaServer firstAvailable() {
        return servers.stream().filter(server -> !server.isTakenOut()).findFirst().orElse(servers.get(0));
    }

    /** The names, for messages. */
    public String names() {
        return servers.stream().map(OllamaServer::name).collect(Collectors.joining(", "));
    }

    private static CircuitBreakerConfig circuitBreakerConfig(RoutingProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build();
    }
}
