package io.github.ollamaproxy.messaging;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * The steps of the Kafka entry point ({@code routes/integration/kafka.camel.yaml}) that know about
 * Kafka: a record's identity (for the idempotent consumer), its correlation id (for the answer),
 * and the manual commit of its offset once it was answered or dead-lettered.
 */
@Component("kafkaRequests")
public class KafkaRequests {

    /** Request header: the producer's id of the request; redeliveries and producer retries share it. */
    public static final String MESSAGE_ID = "OllamaProxyMessageId";

    /**
     * The record's identity: the producer's {@value #MESSAGE_ID} header, else its topic, partition,
     * offset and timestamp (which a record redelivered after a crash or a rebalance keeps, and a new
     * record at the same offset of a topic created again does not).
     */
    public String messageId(Exchange exchange) {
        Message message = exchange.getMessage();
        String given = LlmMessageReader.text(message.getHeader(MESSAGE_ID));
        if (given != null && !given.isBlank()) {
            return given;
        }
        return message.getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + message.getHeader(KafkaConstants.PARTITION, String.class) + "/"
                + message.getHeader(KafkaConstants.OFFSET, String.class) + "/"
                + message.getHeader(KafkaConstants.TIMESTAMP, String.class);
    }

    /**
     * Gives the request the correlation id its answer carries: the request's own
     * {@link MessageHeaders#CORRELATION_ID}, else its {@link #messageId}.
     */
    public void correlate(Exchange exchange) {
        Message message = exchange.getMessage();
        String given = LlmMessageReader.text(message.getHeader(MessageHeaders.CORRELATION_ID));
        message.setHeader(MessageHeaders.CORRELATION_ID, given != null && !given.isBlank() ? given : messageId(exchange));
    }

    /** Commits the record's offset, now that its answer or dead letter was written. */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
