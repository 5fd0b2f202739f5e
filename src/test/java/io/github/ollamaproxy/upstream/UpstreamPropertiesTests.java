package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class UpstreamPropertiesTests {

    @Test
    void hostMayComeWithOrWithoutSchemeAndPort() {
        assertThat(upstream("localhost", 11434).baseUri()).hasToString("http://localhost:11434");
        assertThat(upstream("http://ollama", 11434).baseUri()).hasToString("http://ollama:11434");
        assertThat(upstream("https://ollama.example.com/", 443).baseUri()).hasToString("https://ollama.example.com:443");
        assertThat(upstream("ollama:9999", 11434).baseUri()).hasToString("http://ollama:9999");
        assertThat(upstream("HTTP://10.0.0.5:1234", 11434).baseUri()).hasToString("http://10.0.0.5:1234");
        assertThat(upstream("[::1]", 11434).baseUri()).hasToString("http://[::1]:11434");
    }

    @Test
    void bindsWithDefaults() {
        UpstreamProperties bound = new Binder(new MapConfigurationPropertySource(
                Map.of("ollama-proxy.upstream.host", "gpu-box", "ollama-proxy.upstream.read-timeout", "90s")))
                .bindOrCreate("ollama-proxy.upstream", UpstreamProperties.class);

        assertThat(bound.baseUri()).hasToString("http://gpu-box:11434");
        assertThat(bound.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bound.readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(bound.maxConnections()).isEqualTo(1000);
    }

    private static UpstreamProperties upstream(String host, int port) {
        return new UpstreamProperties(host, port, Duration.ofSeconds(5), Duration.ofMinutes(10), 1000);
    }
}
