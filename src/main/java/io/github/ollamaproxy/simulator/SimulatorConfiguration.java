package io.github.ollamaproxy.simulator;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts the {@link OllamaSimulator} in the {@code demo} profile, so that the proxy runs on a
 * machine without Ollama. The profile also points the proxy's upstream at it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class SimulatorConfiguration {

    static final int DEMO_EMBEDDING_DIMENSIONS = 768;

    @Bean(destroyMethod = "close")
    OllamaSimulator ollamaSimulator(SimulatorProperties properties) throws IOException {
        OllamaSimulator simulator = OllamaSimulator.start(properties.port(), properties.tokenDelay());
        properties.models().forEach(name -> simulator.install(SimulatedModel.named(name)));
        properties.pullableModels().forEach(name -> simulator.publish(SimulatedModel.named(name)));
        properties.embeddingModels()
                .forEach(name -> simulator.install(SimulatedModel.embedding(name, DEMO_EMBEDDING_DIMENSIONS)));
        return simulator;
    }
}
