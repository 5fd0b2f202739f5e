package io.github.ollamaproxy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Outside the demo profile the application never starts a simulator. */
class SimulatorIsolationTests extends ProxyIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noSimulatorBeanWithoutTheDemoProfile() {
        assertThat(context.getBeansOfType(OllamaSimulator.class)).isEmpty();
        assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("demo");
    }
}
