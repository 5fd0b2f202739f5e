package io.github.ollamaproxy.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the message-driven entry points (JMS, Kafka, files, batches) retry a request Ollama could not
 * answer: an upstream 5xx, 429, connection error or timeout is redelivered with exponential backoff;
 * anything else (bad JSON, an unknown model) goes to the dead-letter destination at once.
 *
 * @param maxRedeliveries how many times a request is tried again before it is dead-lettered
 * @param initialDelay    the pause before the first redelivery
 * @param multiplier      how much longer each next pause is
 * @param maxDelay        the longest pause
 */
@ConfigurationProperties("ollama-proxy.messaging.redelivery")
public record MessagingProperties(
        @DefaultValue("3") int maxRedeliveries,
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("2") double multiplier,
        @DefaultValue("30s") Duration maxDelay) {
}
