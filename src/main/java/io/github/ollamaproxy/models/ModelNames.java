package io.github.ollamaproxy.models;

import java.util.Locale;

/**
 * Ollama model names ({@code [host/][namespace/]model[:tag]}) in their canonical spelling: lower
 * case, with {@code :latest} when no tag is given, so that {@code llama3} and {@code Llama3:latest}
 * are the same model.
 */
public final class ModelNames {

    private static final String DEFAULT_TAG = ":latest";

    private ModelNames() {
    }

    public static String canonical(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        int lastSlash = lower.lastIndexOf('/');
        return lower.indexOf(':', lastSlash + 1) >= 0 ? lower : lower + DEFAULT_TAG;
    }
}
