package io.github.ollamaproxy.upstream;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ollama-proxy.upstreams}: the Ollama servers behind the proxy. Empty means the one server
 * of {@code ollama-proxy.upstream.host} and {@code port} ({@code OLLAMA_PROXY_OLLAMA_HOST/PORT}).
 * In YAML a list of {@code url}, {@code weight}, {@code name}; in an environment variable
 * ({@code OLLAMA_PROXY_UPSTREAMS}) a comma-separated list of {@link UpstreamEntry#parse one-line entries}.
 *
 * @param upstreams the servers, in order of preference for requests that name no model
 */
@ConfigurationProperties("ollama-proxy")
public record UpstreamsProperties(List<UpstreamEntry> upstreams) {

    public UpstreamsProperties {
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }
}
