package io.github.ollamaproxy.security;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

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

    /** Whether the key may use {@code model} (a name as the client sent it, with or without a tag). */
    @JsonIgnore
    public boolean allowsModel(String model) {
        if (models.isEmpty()) {
            return true;
        }
        String name = model == null ? "" : model;
        String untagged = name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
        return models.stream().map(KeyLimits::glob)
                .anyMatch(pattern -> pattern.matcher(name).matches() || pattern.matcher(untagged).matches());
    }

    /** Seconds between two requests at the per-minute rate, at least one: the wait a refused client is told. */
    @JsonIgnore
    public long requestSpacingSeconds() {
        return requestsPerMinute == null ? 1 : Math.max(1, (60 + requestsPerMinute - 1) / requestsPerMinute);
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(List.of(pattern.split("\\*", -1)).stream().map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    private static void requirePositive(String name, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
