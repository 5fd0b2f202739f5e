package io.github.ollamaproxy.messaging;

import java.util.stream.Stream;

import io.github.ollamaproxy.data.DataFolder;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The beans the entry points' error handlers name ({@code redeliveryPolicyRef}, {@code retryWhileRef},
 * {@code onRedeliveryRef} in their route templates), and how the JMS component gets its broker.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /**
     * Spring Boot's JMS connection factory and templates are made when something first asks for
     * them (a JMS entry point starting), not at every start: a proxy without a broker never loads
     * the Artemis client and its Netty transport.
     */
    @Bean
    static BeanFactoryPostProcessor jmsBeansOnFirstUse() {
        return factory -> Stream.of("jmsConnectionFactory", "jmsTemplate", "jmsMessagingTemplate",
                        "jmsListenerContainerFactory", "jmsListenerContainerFactoryConfigurer")
                .filter(factory::containsBeanDefinition)
                .forEach(name -> factory.getBeanDefinition(name).setLazyInit(true));
    }

    /** Exponential backoff between redeliveries. */
    @Bean
    RedeliveryPolicy llmMessageRedelivery(MessagingProperties properties) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(properties.maxRedeliveries());
        policy.setRedeliveryDelay(properties.initialDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(properties.multiplier());
        policy.setMaximumRedeliveryDelay(properties.maxDelay().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.INFO);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        return policy;
    }

    /** Which failures are redelivered, and how often. */
    @Bean
    Predicate llmMessageRetry(MessagingProperties properties) {
        return new RetryableFailure(properties.maxRedeliveries());
    }

    /**
     * The JMS entry points connect to the broker directly, not through Spring's caching connection
     * factory, as Spring Boot's own listener containers do: their listener containers keep their
     * own connection and sessions, and must close them when an entry point stops.
     */
    @Bean
    ComponentCustomizer jmsConnectsDirectly(ObjectProvider<ConnectionFactory> connectionFactory) {
        return ComponentCustomizer.builder(JmsComponent.class).build(component -> connectionFactory.ifAvailable(factory ->
                component.setConnectionFactory(factory instanceof CachingConnectionFactory caching
                        ? caching.getTargetConnectionFactory() : factory)));
    }

    /**
     * The ids of the Kafka records already answered, kept in the data folder so that a record
     * delivered again after a restart is not answered twice.
     */
    @Bean
    IdempotentRepository llmMessageIdempotency(DataFolder data) {
        return FileIdempotentRepository.fileIdempotentRepository(
                data.resolve("messaging").resolve("answered-ids.dat").toFile(), 100_000, 32L * 1024 * 1024);
    }

    /** Counts each redelivery. */
    @Bean
    Processor countLlmRedelivery(MessageMetrics metrics) {
        return metrics::redelivered;
    }
}
