package io.github.ollamaproxy.support;

import java.util.ArrayList;
import java.util.List;

import io.github.ollamaproxy.OllamaProxyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole proxy started the way a user starts it (no test profile, no test agents), on a free port
 * of 127.0.0.1 with the shared simulator as Ollama: for tests that stop and start it again.
 */
public final class StandaloneProxy implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneProxy(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a proxy with these extra {@code --name=value} arguments. */
    public static StandaloneProxy start(String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + TestUpstream.simulator().port(),
                "--ollama-proxy.plugins.dir=target/no-plugins",
                "--logging.level.root=WARN"));
        all.addAll(List.of(arguments));
        return new StandaloneProxy(new SpringApplicationBuilder(OllamaProxyApplication.class)
                .run(all.toArray(String[]::new)));
    }

    /** A client of its port. */
    public ProxyClient client() {
        return new ProxyClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Override
    public void close() {
        context.close();
    }
}
