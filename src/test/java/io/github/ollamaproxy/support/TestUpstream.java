package io.github.ollamaproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.github.ollamaproxy.simulator.OllamaSimulator;
import io.github.ollamaproxy.simulator.SimulatedModel;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The one Ollama simulator all integration tests share, started on first use. */
public final class TestUpstream {

    /** Installed, fast model for functional tests. */
    public static final String MODEL = "llama3.2";

    private static final OllamaSimulator SIMULATOR = start();

    private TestUpstream() {
    }

    public static OllamaSimulator simulator() {
        return SIMULATOR;
    }

    /**
     * Points a test context's upstream at the simulator, with the original project's environment
     * names (which this way are tested too).
     */
    public static void useAsUpstream(DynamicPropertyRegistry registry) {
        registry.add("OLLAMA_PROXY_OLLAMA_HOST", () -> "127.0.0.1");
        registry.add("OLLAMA_PROXY_OLLAMA_PORT", SIMULATOR::port);
    }

    private static OllamaSimulator start() {
        try {
            OllamaSimulator simulator = OllamaSimulator.start(0, Duration.ofMillis(5));
            simulator.install(SimulatedModel.named(MODEL));
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
