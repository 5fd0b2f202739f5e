package io.github.ollamaproxy.chain;

import java.util.Locale;

/** Where an agent comes from. */
public enum AgentSource {

    /** A Spring bean of the application. */
    BEAN,

    /** A jar in the plugins folder, found with {@link java.util.ServiceLoader}. */
    JAR,

    /** Only routes: an agent written in YAML, {@code direct:agent-<name>}. */
    YAML;

    /** The lower-case label shown by {@code GET /plugins}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
