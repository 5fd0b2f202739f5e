package io.github.ollamaproxy.web;

import java.io.IOException;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
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
        registration.setOrder(FilterOrder.REQUEST_GUARD);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> accessLogFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(FilterOrder.ACCESS_LOG);
        return registration;
    }

    /**
     * Spring's CORS filter with the configured origins; preflights from other origins get 403 in
     * Ollama's error shape. Not registered while no origin is configured.
     */
    @Bean
    FilterRegistrationBean<Filter> crossOriginFilter(CrossOriginProperties cors, ErrorBodies errors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOriginPatterns(cors.allowedOrigins().stream().filter(o -> !o.isBlank()).toList());
        configuration.setAllowedMethods(cors.allowedMethods());
        configuration.setAllowedHeaders(cors.allowedHeaders());
        configuration.setExposedHeaders(cors.exposedHeaders());
        configuration.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                byte[] body = errors.render(new ApiError(403, "cross-origin requests from this origin, or with this "
                        + "method or these headers, are not allowed"), ErrorShape.NATIVE);
                response.setStatusCode(HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                response.getBody().write(body);
                response.flush();
            }
        });
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FilterOrder.CROSS_ORIGIN);
        registration.setEnabled(cors.enabled());
        return registration;
    }

    @Bean
    StartupGate startupGate(ErrorBodies errors) {
        return new StartupGate(errors);
    }

    @Bean
    FilterRegistrationBean<Filter> startupGateFilter(StartupGate gate) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(FilterOrder.STARTUP_GATE);
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
        registration.setOrder(FilterOrder.TRAILING_SLASH);
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
        registration.setOrder(FilterOrder.RAW_UPLOAD);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> jsonRequestFilter(RequestLimits limits, ErrorBodies errors) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new JsonRequestFilter(limits, errors));
        registration.setOrder(FilterOrder.JSON_REQUEST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> clientConnectionFilter(ClientSocketWatch watch) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ClientConnectionFilter(watch));
        registration.setOrder(FilterOrder.CLIENT_CONNECTION);
        return registration;
    }
}
