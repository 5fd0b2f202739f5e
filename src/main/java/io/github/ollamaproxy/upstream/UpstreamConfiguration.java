package io.github.ollamaproxy.upstream;

import io.github.ollamaproxy.web.ClientHeaderFilterStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tunes Camel's HTTP components for a streaming proxy: one shared upstream connection pool sized and
 * timed from {@link UpstreamProperties}, header filtering in both directions, no transparent
 * compression, the upstream request aborted when its client leaves ({@link ClientGoneAbort}), and
 * the derived {@value #BASE_URL_PROPERTY} placeholder the routes send to.
 */
@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    /**
     * Our customizers run after the starters' own, which copy the {@code camel.component.*}
     * properties (defaults included) onto the components and would undo ours.
     */
    private static final int AFTER_SPRING_BOOT_PROPERTIES = Ordered.LOWEST;

    private static final long IDLE_EVICTION_SECONDS = 60;

    private static final long VALIDATE_AFTER_IDLE_SECONDS = 2;

    /**
     * One connection pool for every call to the upstream. A pooled connection idle for more than
     * {@value #VALIDATE_AFTER_IDLE_SECONDS} s is checked before it is reused (a read of at most 1 ms);
     * a busier one is reused at once, and should the upstream have closed it meanwhile the request is
     * sent again once ({@link StaleConnectionRetry}). So connections the upstream closed while idle (a
     * restart, a load balancer, a server's idle-connection limit) never fail a request, without a
     * blocking check on every request. Idle connections are closed after
     * {@value #IDLE_EVICTION_SECONDS} s.
     */
    @Bean(destroyMethod = "close")
    PoolingHttpClientConnectionManager upstreamConnectionPool(UpstreamProperties upstream) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(upstream.maxConnections())
                .setMaxConnPerRoute(upstream.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(upstream.readTimeout())).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(upstream.connectTimeout()))
                        .setSocketTimeout(Timeout.of(upstream.readTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(VALIDATE_AFTER_IDLE_SECONDS))
                        .build())
                .build();
    }

    @Bean
    ComponentCustomizer upstreamHttpComponentCustomizer(UpstreamProperties upstream,
            PoolingHttpClientConnectionManager pool) {
        return ComponentCustomizer.builder(HttpComponent.class).withOrder(AFTER_SPRING_BOOT_PROPERTIES).build(http -> {
            http.setClientConnectionManager(pool);
            http.setHttpClientConfigurer(builder -> builder.evictIdleConnections(TimeValue.ofSeconds(IDLE_EVICTION_SECONDS))
                    .setRetryStrategy(new StaleConnectionRetry())
                    .addExecInterceptorFirst("client-gone-abort", new ClientGoneAbort()));
            http.setHttpActivityListener(new HttpContextExchange());
            http.setConnectTimeout(upstream.connectTimeout().toMillis());
            http.setSoTimeout(upstream.readTimeout().toMillis());
            http.setResponseTimeout(upstream.readTimeout().toMillis());
            http.setContentCompressionDisabled(true);
            http.setCopyHeaders(false);
            http.setHeaderFilterStrategy(new UpstreamHeaderFilterStrategy());
        });
    }

    @Bean
    CamelContextConfiguration httpMethodConversion() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getTypeConverterRegistry().addTypeConverter(HttpMethods.class, String.class,
                        new HttpMethodConverter());
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    @Bean
    ComponentCustomizer clientPlatformHttpComponentCustomizer() {
        return ComponentCustomizer.builder(PlatformHttpComponent.class).withOrder(AFTER_SPRING_BOOT_PROPERTIES)
                .build(platformHttp -> platformHttp.setHeaderFilterStrategy(new ClientHeaderFilterStrategy()));
    }
}
