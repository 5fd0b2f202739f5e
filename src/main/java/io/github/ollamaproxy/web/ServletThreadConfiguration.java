package io.github.ollamaproxy.web;

import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces Camel's Spring Boot platform-http engine with {@link ServletThreadEngine}: the servlet
 * container's thread carries each request and its stream from start to end.
 */
@Configuration(proxyBeanMethods = false)
public class ServletThreadConfiguration {

    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    PlatformHttpEngine servletThreadPlatformHttpEngine(ServerProperties server) {
        return new ServletThreadEngine(server.getPort() == null ? 0 : server.getPort());
    }
}
