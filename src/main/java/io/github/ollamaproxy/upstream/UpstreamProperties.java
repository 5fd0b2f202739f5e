package io.github.ollamaproxy.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the upstream Ollama server is and how the proxy talks to it.
 *
 * @param host            host name, optionally with scheme ({@code http://ollama}) and port
 *                        ({@code ollama:11434}); environment {@code OLLAMA_PROXY_OLLAMA_HOST}
 * @param port            port used when {@code host} carries none; environment {@code OLLAMA_PROXY_OLLAMA_PORT}
 * @param connectTimeout  how long to wait for a TCP connection to the upstream
 * @param readTimeout     how long the upstream may stay silent between two bytes of an answer
 * @param maxConnections  upper bound of concurrent upstream connections (one per live stream)
 */
@ConfigurationProperties("ollama-proxy.upstream")
public record UpstreamProperties(
        @DefaultValue("localhost") String host,
        @DefaultValue("11434") int port,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10m") Duration readTimeout,
        @DefaultValue("1000") int maxConnections) {

    /** Ollama's own port, used when a host names none. */
    public static final int DEFAULT_PORT = 11434;

    /** The upstream base URL without trailing slash, e.g. {@code http://localhost:11434}. */
    public URI baseUri() {
        return baseUri(host, port);
    }

    /**
     * A base URL from a host that may carry a scheme and a port ({@code http://gpu1:11434},
     * {@code gpu1}), without trailing slash.
     */
    public static URI baseUri(String host, int port) {
        String value = host.strip();
        String scheme = "http";
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            value = value.substring(schemeEnd + 3);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        boolean hasPort = value.startsWith("[") ? value.contains("]:") : value.contains(":");
        String authority = hasPort ? value : value + ":" + port;
        return URI.create(scheme + "://" + authority);
    }
}
