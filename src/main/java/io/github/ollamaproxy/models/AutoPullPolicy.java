package io.github.ollamaproxy.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which model names the proxy may ask Ollama to pull on its own. Without a limit any client could
 * make the Ollama host download gigabytes from any registry it can reach, internal ones included.
 * The entries of {@code ollama-proxy.models.auto-pull-allow}:
 * <ul>
 *   <li>{@value #LIBRARY}: names without a registry host, i.e. Ollama's public library
 *       ({@code llama3.2}, {@code qwen2.5:7b}, {@code user/model});</li>
 *   <li>anything else: a pattern over the whole name, {@code *} standing for any characters
 *       ({@code registry.internal:5000/*}, {@code hf.co/bartowski/*}).</li>
 * </ul>
 * A name has a registry host when it has three parts ({@code host/namespace/model}), or two whose
 * first looks like a host: it has a dot or a port, or is {@code localhost}; the public library's
 * own host ({@code registry.ollama.ai/library/llama3.2}) counts as none.
 */
public final class AutoPullPolicy {

    /** The entry for Ollama's public library. */
    public static final String LIBRARY = "library";

    /** The host of Ollama's public library, which a library name may also be spelled with. */
    private static final String PUBLIC_REGISTRY = "registry.ollama.ai/";

    private final boolean library;
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> entries;

    public AutoPullPolicy(List<String> entries) {
        this.entries = List.copyOf(entries);
        boolean withLibrary = false;
        for (String entry : entries) {
            String trimmed = entry.strip().toLowerCase(Locale.ROOT);
            if (trimmed.equals(LIBRARY)) {
                withLibrary = true;
            } else if (!trimmed.isEmpty()) {
                StringBuilder regex = new StringBuilder();
                for (String part : trimmed.split("\\*", -1)) {
                    regex.append(Pattern.quote(part)).append(".*");
                }
                regex.setLength(regex.length() - 2);
                patterns.add(Pattern.compile(regex.toString()));
            }
        }
        this.library = withLibrary;
    }

    /** Whether the proxy may pull this model. */
    public boolean allows(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (library && !hasRegistryHost(name)) {
            return true;
        }
        String canonical = ModelNames.canonical(name);
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches()
                || pattern.matcher(canonical).matches());
    }

    /** The configured entries, for messages. */
    public List<String> entries() {
        return entries;
    }

    static boolean hasRegistryHost(String name) {
        if (name.startsWith(PUBLIC_REGISTRY)) {
            return hasRegistryHost(name.substring(PUBLIC_REGISTRY.length()));
        }
        String[] parts = name.split("/");
        if (parts.length >= 3) {
            return true;
        }
        if (parts.length == 2) {
            String first = parts[0];
            return first.contains(".") || first.contains(":") || first.equals("localhost");
        }
        return false;
    }
}
