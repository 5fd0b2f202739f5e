package io.github.ollamaproxy.upstream;

import java.util.Map;

import io.github.ollamaproxy.web.ClientHeaderFilterStrategy;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertiesSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tunes Camel's HTTP components for a streaming proxy: upstream timeouts and pool size from
 * {@link UpstreamProperties}, header filtering in both directions, no transparent compression, and
 * the derived {@value #BASE_URL_PROPERTY} placeholder the routes send to.
 */
@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    /** Camel property placeholder holding the upstream base URL, e.g. {@code http://localhost:11434}. */
    public static final String BASE_URL_PROPERTY = "ollama-proxy.upstream.base-url";

    /**
     * Our customizers run after the starters' own, which copy the {@code camel.component.*}
     * properties (defaults included) onto the components and would undo ours.
     */
    private static final int AFTER_SPRING_BOOT_PROPERTIES = Ordered.LOWEST;

    @Bean
    ComponentCustomizer upstreamHttpComponentCustomizer(UpstreamProperties upstream) {
        return ComponentCustomizer.builder(HttpComponent.class).withOrder(AFTER_SPRING_BOOT_PROPERTIES).build(http -> {
            http.setConnectTimeout(upstream.connectTimeout().toMillis());
            http.setSoTimeout(upstream.readTimeout().toMillis());
            http.setResponseTimeout(upstream.readTimeout().toMillis());
            http.setMaxTotalConnections(upstream.maxConnections());
            http.setConnectionsPerRoute(upstream.maxConnections());
            http.setContentCompressionDisabled(true);
            http.setCopyHeaders(false);
            http.setHeaderFilterStrategy(new UpstreamHeaderFilterStrategy());
        });
    }

    @Bean
    ComponentCustomizer clientPlatformHttpComponentCustomizer() {
        return ComponentCustomizer.builder(PlatformHttpComponent.class).withOrder(AFTER_SPRING_BOOT_PROPERTIES)
                .build(platformHttp -> platformHttp.setHeaderFilterStrategy(new ClientHeaderFilterStrategy()));
    }

    @Bean
    PropertiesSource upstreamPropertiesSource(UpstreamProperties upstream) {
        Map<String, String> derived = Map.of(BASE_URL_PROPERTY, upstream.baseUri().toString());
        return new PropertiesSource() {
            @Override
            public String getName() {
                return "ollama-proxy-upstream";
            }

            @Override
            public String getProperty(String name) {
                return derived.get(name);
            }
        };
    }
}
