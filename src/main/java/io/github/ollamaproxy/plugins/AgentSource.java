package io.github.ollamaproxy.plugins;

import java.util.Locale;

/** Where an agent comes from. */
public enum AgentSource {

    /** A Spring bean of the application. */
    BEAN,

    /** A jar in the plugins folder, found with {@link java.util.ServiceLoader}. */
    JAR,

    /** A YAML route {@code direct:agent-<name>} in the routes folder. */
    YAML;

    /** The lower-case label shown by {@code GET /plugins}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
