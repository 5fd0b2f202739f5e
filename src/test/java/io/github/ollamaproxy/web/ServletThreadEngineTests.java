package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The route runs on the thread that serves the request, and no future is handed back, so Spring
 * MVC completes the request in one dispatch; a failing route still gets an answer.
 */
class ServletThreadEngineTests {

    @Test
    void theRouteRunsOnTheRequestThreadAndTheRequestEndsWithIt() throws Exception {
        ServletThreadEngine engine = new ServletThreadEngine(11555);
        try (CamelContext camel = camelWith(engine)) {
            PlatformHttpEndpoint endpoint = camel.getEndpoint("platform-http:/api/version", PlatformHttpEndpoint.class);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            ServletThreadConsumer consumer = (ServletThreadConsumer) engine.createConsumer(endpoint, exchange -> {
                ranOn.set(Thread.currentThread());
                exchange.getMessage().setBody("{\"version\":\"0.12.0\"}");
            });
            consumer.start();
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/version");
            MockHttpServletResponse response = new MockHttpServletResponse();

            Object future = consumer.service(request, response);

            assertThat(future).isNull();
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("{\"version\":\"0.12.0\"}");
            assertThat(engine.getServerPort()).isEqualTo(11555);
        }
    }

    @Test
    void aRouteThatFailsIsAnsweredOnTheSameThread() throws Exception {
        ServletThreadEngine engine = new ServletThreadEngine(0);
        try (CamelContext camel = camelWith(engine)) {
            PlatformHttpEndpoint endpoint = camel.getEndpoint("platform-http:/api/chat", PlatformHttpEndpoint.class);
            ServletThreadConsumer consumer = (ServletThreadConsumer) engine.createConsumer(endpoint,
                    exchange -> {
                        throw new IllegalStateException("broken route");
                    });
            consumer.start();
            MockHttpServletResponse response = new MockHttpServletResponse();

            consumer.service(new MockHttpServletRequest("POST", "/api/chat"), response);

            assertThat(response.getStatus()).isEqualTo(500);
        }
    }

    private static CamelContext camelWith(ServletThreadEngine engine) {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, engine);
        camel.start();
        PluginHelper.getUnitOfWorkFactory(camel).afterPropertiesConfigured(camel);
        return camel;
    }
}
