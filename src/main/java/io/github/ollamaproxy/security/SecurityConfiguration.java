package io.github.ollamaproxy.security;

import java.net.InetAddress;

import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.FilterOrder;
import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** API keys: the filter that asks for them, and one warning when an open proxy listens beyond loopback. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FilterRegistrationBean<Filter> apiKeyFilter(ApiKeys keys, KeyConcurrency concurrency, ErrorBodies errors) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, concurrency,
                errors));
        registration.setOrder(FilterOrder.API_KEY);
        return registration;
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> openProxyWarning(ApiKeys keys, ServerProperties server) {
        return event -> {
            InetAddress address = server.getAddress();
            if (!keys.required() && (address == null || !address.isLoopbackAddress())) {
                LOG.warn("No API keys are configured and the proxy listens on {}: anyone who reaches the port can "
                        + "chat and manage models. Create a key with 'create-key' (docs/security.md) or listen on "
                        + "127.0.0.1 (server.address).", address == null ? "every interface" : address.getHostAddress());
            }
        };
    }
}
