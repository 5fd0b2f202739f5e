package io.github.ollamaproxy.security;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ollamaproxy.models.ModelNames;

/**
 * What one key may use; an absent limit does not apply.
 *
 * @param requestsPerMinute inference requests per minute (Camel's throttle, per key)
 * @param tokensPerMinute   prompt plus completion tokens per clock minute, as Ollama reports them
 * @param tokensPerDay      the same per UTC day
 * @param concurrentRequests requests of the key in flight at once, streams included until their last byte
 * @param models            the models the key may use: names, or patterns with {@code *} ({@code llama3*});
 *                          absent or empty for every model
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record KeyLimits(Integer requestsPerMinute, Long tokensPerMinute, Long tokensPerDay, Integer concurrentRequests,
        List<String> models) {

    /** No limits. */
    public static final KeyLimits NONE = new KeyLimits(null, null, null, null, List.of());

    public KeyLimits {
        requirePositive("requests-per-minute", requestsPerMinute);
        requirePositive("tokens-per-minute", tokensPerMinute);
        requirePositive("tokens-per-day", tokensPerDay);
        requirePositive("concurrent-requests", concurrentRequests);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * Whether the key may use {@code model}. Names compare in Ollama's canonical spelling
     * ({@code llama3.2} is {@code llama3.2:latest}); a pattern's {@code *} matches any characters.
     */
    @JsonIgnore
    public boolean allowsModel(String model) {
        if (models.isEmpty()) {
            return true;
        }
        String name = ModelNames.canonical(model == null ? "" : model);
        return models.stream().anyMatch(allowed -> allowed.contains("*")
                ? globMatches(allowed.strip().toLowerCase(Locale.ROOT), name)
                : ModelNames.canonical(allowed).equals(name));
    }

    /** Seconds between two requests at the per-minute rate, at least one: the wait a refused client is told. */
    @JsonIgnore
    public long requestSpacingSeconds() {
        return requestsPerMinute == null ? 1 : Math.max(1, (60 + requestsPerMinute - 1) / requestsPerMinute);
    }

    private static boolean globMatches(String pattern, String name) {
        String[] parts = pattern.split("\\*", -1);
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = name.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return name.length() - last.length() >= at && name.endsWith(last);
    }

    private static void requirePositive(String name, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
