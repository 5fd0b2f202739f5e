package io.github.ollamaproxy.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Starts a proxy with these extra {@code --name=value} arguments; one naming a default's
     * property replaces that default.
     */
    public static StandaloneProxy start(String... arguments) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String argument : List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ollama-proxy.upstream.host=127.0.0.1",
                "--ollama-proxy.upstream.port=" + TestUpstream.simulator().port(),
                "--ollama-proxy.plugins.dir=target/no-plugins",
                "--logging.level.root=WARN")) {
            all.put(name(argument), argument);
        }
        for (String argument : arguments) {
            all.put(name(argument), argument);
        }
        return new StandaloneProxy(new SpringApplicationBuilder(OllamaProxyApplication.class)
                .run(all.values().toArray(String[]::new)));
    }

    private static String name(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
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
