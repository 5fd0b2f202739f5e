package io.github.ollamaproxy.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names the auto-pull allow-list lets through, for the default and for patterns. */
class AutoPullPolicyTests {

    private final AutoPullPolicy libraryOnly = new AutoPullPolicy(List.of("library"));
    private final AutoPullPolicy withInternal = new AutoPullPolicy(List.of("library", "registry.internal:5000/*",
            "hf.co/bartowski/*"));

    @ParameterizedTest
    @CsvSource({
            "llama3.2, true",
            "qwen2.5:7b, true",
            "Llama3:Latest, true",
            "someone/their-model:q4, true",
            "registry.ollama.ai/library/llama3.2, true",
            "registry.ollama.ai/someone/model, true",
            "evil.example/m, false",
            "127.0.0.1:8080/library/x, false",
            "localhost/model, false",
            "host/namespace/model, false",
            "registry.internal:5000/team/model, false",
            "registry.ollama.ai/evil.example/m, false",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M, false"})
    void theDefaultAllowsOnlyThePublicLibrary(String model, boolean allowed) {
        assertThat(libraryOnly.allows(model)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
            "llama3.2, true",
            "registry.internal:5000/team/model, true",
            "REGISTRY.internal:5000/team/model:v2, true",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M, true",
            "hf.co/someone-else/model, false",
            "registry.internal:5001/team/model, false",
            "evil.example/registry.internal:5000/x, false"})
    void patternsCoverTheWholeName(String model, boolean allowed) {
        assertThat(withInternal.allows(model)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"llama3.2", "evil.example/m"})
    void anEmptyListAllowsNothing(String model) {
        assertThat(new AutoPullPolicy(List.of()).allows(model)).isFalse();
    }
}
