package io.github.ollamaproxy.messaging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets JMS clients of other processes reach the embedded Artemis broker (the {@code demo}
 * profile's): Spring Boot's embedded broker only accepts connections from inside the proxy.
 * Configured by {@code ollama-proxy.messaging.embedded-broker-acceptor}, e.g.
 * {@code tcp://127.0.0.1:61616}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("ollama-proxy.messaging.embedded-broker-acceptor")
public class EmbeddedBrokerAcceptor {

    @Bean
    ArtemisConfigurationCustomizer networkAcceptor(
            @Value("${ollama-proxy.messaging.embedded-broker-acceptor}") String url) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("network", url);
            } catch (Exception e) {
                throw new IllegalArgumentException("ollama-proxy.messaging.embedded-broker-acceptor: " + e.getMessage(), e);
            }
        };
    }
}
