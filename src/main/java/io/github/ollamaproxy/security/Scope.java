package io.github.ollamaproxy.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an API key may do. */
public enum Scope {

    /** Chat, generate, embeddings, {@code /v1} inference and batches, model lists and details, read-only status. */
    INFERENCE,

    /** Model management (pull, push, create, copy, delete, blobs), forgetting templates, re-indexing, actuator. */
    ADMIN;

    /** The name used in the keys file and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope of a name in the keys file or on the command line. */
    @JsonCreator
    public static Scope of(String label) {
        for (Scope scope : values()) {
            if (scope.label().equals(label == null ? null : label.trim().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + label + "': use inference or admin");
    }
}
