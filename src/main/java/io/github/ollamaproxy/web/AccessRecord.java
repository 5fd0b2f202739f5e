package io.github.ollamaproxy.web;

import jakarta.servlet.ServletRequest;

/**
 * What the access log line of one request says beyond method, path and status, filled in by the
 * parts of the proxy that learn it: the key id, the model, and the tokens Ollama reported.
 */
public final class AccessRecord {

    static final String ATTRIBUTE = AccessRecord.class.getName();

    private volatile String keyId;
    private volatile String model;
    private volatile long promptTokens = -1;
    private volatile long completionTokens = -1;

    /** The record of a servlet request, or {@code null} when access logging is off. */
    public static AccessRecord of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AccessRecord record ? record : null;
    }

    public void keyId(String keyId) {
        this.keyId = keyId;
    }

    public void model(String model) {
        this.model = model;
    }

    public void tokens(long prompt, long completion) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
    }

    String keyId() {
        return keyId;
    }

    String model() {
        return model;
    }

    long promptTokens() {
        return promptTokens;
    }

    long completionTokens() {
        return completionTokens;
    }
}
