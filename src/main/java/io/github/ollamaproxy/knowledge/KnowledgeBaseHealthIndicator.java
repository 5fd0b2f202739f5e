package io.github.ollamaproxy.knowledge;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code knowledgeBase} component of {@code /actuator/health} and of the readiness group:
 * out of service until the first synchronisation of the knowledge-base folder after start has
 * ended (until then {@code /rag} answers from an index that may be stale or empty), up after it.
 */
@Component
public class KnowledgeBaseHealthIndicator implements HealthIndicator {

    private final KnowledgeBase knowledge;

    public KnowledgeBaseHealthIndicator(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public Health health() {
        KnowledgeStatus status = knowledge.status();
        Health.Builder health = status.lastSync() == null ? Health.outOfService() : Health.up();
        return health.withDetail("dir", status.dir().toString())
                .withDetail("documents", status.documents())
                .withDetail("chunks", status.chunks())
                .withDetail("syncing", status.syncing())
                .build();
    }
}
