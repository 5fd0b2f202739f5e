package io.github.ollamaproxy.simulator;

/** An error the simulator answers with Ollama's {@code {"error": …}} body. */
final class SimulatorError extends RuntimeException {

    private final int status;

    SimulatorError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
