package io.github.ollamaproxy.web;

import jakarta.servlet.Filter;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * The HTTP edge in front of the Camel routes: the start-up gate ({@link StartupGate}), trailing-slash tolerance for the agent endpoints
 * ({@code /api/chat/} is {@code /api/chat}), JSON body preparation ({@link JsonRequestFilter}),
 * streamed blob uploads ({@link RawUploadFilter}) and
 * quiet logging of clients that leave mid-stream ({@link ResponseWriteFailureHandler}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /**
     * Model ids contain {@code /}, which OpenAI clients send percent-encoded
     * ({@code /v1/models/user%2Fmodel:tag}); Tomcat refuses such paths unless told to pass them on.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesInPaths() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(
                EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> errorsInTheApisShape(ErrorBodies errors,
            ServerProperties server) {
        long maxHeaderBytes = server.getMaxHttpRequestHeaderSize().toBytes();
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                host.getPipeline().addValve(new ApiErrorReportValve(errors, maxHeaderBytes));
            }
        });
    }

    /**
     * {@code TRACE} is let through to {@link RequestGuard}, which refuses it in the API's shape;
     * Tomcat itself would answer it 405 with an empty body.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceRefusedByTheGuard() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }

    @Bean
    FilterRegistrationBean<Filter> requestGuardFilter(ErrorBodies errors) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RequestGuard(errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    StartupGate startupGate(ErrorBodies errors) {
        return new StartupGate(errors);
    }

    @Bean
    FilterRegistrationBean<Filter> startupGateFilter(StartupGate gate) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    ClientSocketWatch clientSocketWatch() {
        return new ClientSocketWatch();
    }

    @Bean
    FilterRegistrationBean<Filter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter
                .trailingSlashHandler("/api/chat/", "/api/generate/", "/v1/**", "/health/", "/plugins/", "/optimizer/templates/")
                .wrapRequest()
                .build();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    CamelContextConfiguration platformHttpWriteFailureLogging() {
        ResponseWriteFailureHandler handler = new ResponseWriteFailureHandler();
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
                    if (endpoint instanceof PlatformHttpEndpoint platformHttp) {
                        platformHttp.setExceptionHandler(handler);
                    }
                    return endpoint;
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> rawUploadFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RawUploadFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> jsonRequestFilter(RequestLimits limits, ErrorBodies errors) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new JsonRequestFilter(limits, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> clientConnectionFilter(ClientSocketWatch watch) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ClientConnectionFilter(watch));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }
}
