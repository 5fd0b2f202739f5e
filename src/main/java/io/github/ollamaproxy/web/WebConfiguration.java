package io.github.ollamaproxy.web;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * Servlet filters in front of the Camel routes: trailing-slash tolerance for the agent endpoints
 * ({@code /api/chat/} is {@code /api/chat}) and JSON body preparation ({@link JsonRequestFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    FilterRegistrationBean<Filter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter
                .trailingSlashHandler("/api/chat/", "/api/generate/", "/v1/**", "/health/", "/plugins/")
                .wrapRequest()
                .build();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> jsonRequestFilter(RequestLimits limits, ErrorBodies errors) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new JsonRequestFilter(limits, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
