package io.github.ollamaproxy.support;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that share the main test context: the proxy on a random port,
 * talking to the shared {@link TestUpstream} simulator, with the test agents of {@link TestAgents}
 * and the test-only YAML routes of {@code src/test/resources/test-routes}. The upstream is set with
 * the original project's environment names, which this way are tested too.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestAgents.class)
public abstract class ProxyIntegrationTest extends ProxyTestBase {

    protected static final OllamaSimulator SIMULATOR = TestUpstream.simulator();
    protected static final String MODEL = TestUpstream.MODEL;

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        TestUpstream.useAsUpstream(registry);
    }
}
