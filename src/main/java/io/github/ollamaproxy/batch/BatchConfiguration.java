package io.github.ollamaproxy.batch;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.stereotype.Component;

/**
 * The thread pool the {@code llm-batches} route runs a batch's lines on, bound in Camel's registry
 * as {@value #POOL}: as many threads as requests may run at once and a short queue, after which the
 * splitting thread runs a line itself, so a large input file is read only a little ahead of the
 * requests. A pool of its own, named in the route, outlives a stop of the route (the splitter's
 * default pool does not, and a restarted route would wait on it for ever). It is not a Spring bean:
 * an {@code ExecutorService} bean would replace Spring Boot's task executor.
 */
@Component
public class BatchConfiguration implements CamelContextConfiguration {

    /** The pool's name in Camel's registry. */
    static final String POOL = "batchLines";

    private final BatchProperties properties;

    public BatchConfiguration(BatchProperties properties) {
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        int threads = Math.max(1, properties.concurrency());
        camel.getRegistry().bind(POOL, camel.getExecutorServiceManager().newThreadPool(this, "BatchLines",
                new ThreadPoolProfileBuilder("batch-lines").poolSize(threads).maxPoolSize(threads)
                        .maxQueueSize(threads * 4).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build()));
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
