package io.github.ollamaproxy.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A model the simulator knows: installed (listed by tags, usable at once) or only published
 * (pullable). Immutable; the {@code with…} methods return adjusted copies.
 *
 * @param name            full name with tag, e.g. {@code llama3.2:latest}
 * @param family          architecture family reported by tags and show
 * @param contextLength   context window reported by show
 * @param embeddingLength vector size of {@code /api/embed}
 * @param capabilities    {@code completion}, {@code tools}, {@code embedding}, …
 * @param tokenDelay      pause before each streamed token, or {@code null} for the simulator default
 * @param fault           scripted misbehaviour, {@link Fault#none()} for a healthy model
 * @param charsPerToken   how many characters of a prompt make one token of {@code prompt_eval_count}
 *                        (4 by default; fewer for tokenizers that cut text finer)
 */
public record SimulatedModel(String name, String family, int contextLength, int embeddingLength,
        Set<String> capabilities, Duration tokenDelay, Fault fault, double charsPerToken) {

    /** The characters per token of a model unless said otherwise. */
    public static final double CHARS_PER_TOKEN = 4.0;

    /** A healthy chat model with tools support, 8192 tokens of context and 16-dimensional embeddings. */
    public static SimulatedModel named(String name) {
        return new SimulatedModel(canonicalName(name), "llama", 8192, 16,
                Set.of("completion", "tools", "insert"), null, Fault.none(), CHARS_PER_TOKEN);
    }

    /** A chat model that thinks before it answers (and supports tools). */
    public static SimulatedModel thinking(String name) {
        return new SimulatedModel(canonicalName(name), "qwen3", 8192, 16,
                Set.of("completion", "tools", "thinking"), null, Fault.none(), CHARS_PER_TOKEN);
    }

    /** An embedding-only model. */
    public static SimulatedModel embedding(String name, int dimensions) {
        return new SimulatedModel(canonicalName(name), "nomic-bert", 2048, dimensions, Set.of("embedding"), null,
                Fault.none(), CHARS_PER_TOKEN);
    }

    public SimulatedModel withTokenDelay(Duration delay) {
        return new SimulatedModel(name, family, contextLength, embeddingLength, capabilities, delay, fault, charsPerToken);
    }

    public SimulatedModel withFault(Fault newFault) {
        return new SimulatedModel(name, family, contextLength, embeddingLength, capabilities, tokenDelay, newFault,
                charsPerToken);
    }

    public SimulatedModel withContextLength(int length) {
        return new SimulatedModel(name, family, length, embeddingLength, capabilities, tokenDelay, fault, charsPerToken);
    }

    /** A copy whose prompts count one token per {@code chars} characters. */
    public SimulatedModel withCharsPerToken(double chars) {
        return new SimulatedModel(name, family, contextLength, embeddingLength, capabilities, tokenDelay, fault, chars);
    }

    /** A copy under another name. */
    SimulatedModel renamed(String other) {
        return new SimulatedModel(canonicalName(other), family, contextLength, embeddingLength, capabilities, tokenDelay,
                fault, charsPerToken);
    }

    /** Ollama's canonical spelling: lower case, {@code :latest} when no tag is given. */
    public static String canonicalName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        int slash = lower.lastIndexOf('/');
        return lower.indexOf(':', slash + 1) >= 0 ? lower : lower + ":latest";
    }

    String digest() {
        return "sha256:" + String.format("%064x", Math.abs((long) name.hashCode()) * 7919L);
    }

    long size() {
        return 1_000_000L + Math.abs(name.hashCode() % 1_000_000);
    }
}
