package io.github.ollamaproxy.upstream;

/** Picks the Ollama server for a call naming a model (model-aware routing lives above this package). */
public interface ServerSelector {

    /** The best server for a call naming {@code model}. */
    OllamaServer best(String model);
}
