package io.github.ollamaproxy.chain;

/** An agent's request step took longer than its time limit; the request goes on without it. */
public class AgentTimeoutException extends RuntimeException {

    public AgentTimeoutException(long millis) {
        super("timed out after " + millis + " ms", null, false, false);
    }
}
