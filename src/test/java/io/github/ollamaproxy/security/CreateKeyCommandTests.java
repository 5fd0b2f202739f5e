package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code create-key} command: what it prints, what it stores, and what it refuses. */
class CreateKeyCommandTests {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheSecretOnceAndStoresOnlyItsHash() throws Exception {
        int exit = run(Map.of("OLLAMA_PROXY_DATA_DIR", folder.toString()), "--owner=alice", "--scopes=inference,admin");

        String secret = out.toString(StandardCharsets.UTF_8).trim();
        Path file = folder.resolve("api-keys.yaml");
        List<ApiKey> keys = ApiKeyFile.read(file);
        assertThat(exit).isZero();
        assertThat(secret).startsWith("osp-").hasSizeGreaterThan(40);
        assertThat(Files.readString(file)).doesNotContain(secret).contains("owner: alice");
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.hash()).isEqualTo(ApiKeySecrets.hash(secret));
            assertThat(key.scopes()).isEqualTo(Set.of(Scope.INFERENCE, Scope.ADMIN));
            assertThat(key.id()).matches("key_[0-9a-f]{8}");
        });
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(keys.get(0).id()).contains("shown only now");
    }

    @Test
    void addsToTheKeysAlreadyThereWithInferenceByDefault() throws Exception {
        Path file = folder.resolve("custom.yaml");
        run(Map.of("OLLAMA_PROXY_API_KEYS_FILE", file.toString()), "--owner=a");
        run(Map.of("OLLAMA_PROXY_API_KEYS_FILE", file.toString()), "--owner=b");

        assertThat(ApiKeyFile.read(file)).extracting(ApiKey::owner).containsExactly("a", "b");
        assertThat(ApiKeyFile.read(file)).allSatisfy(key -> assertThat(key.scopes()).containsExactly(Scope.INFERENCE));
    }

    @Test
    void refusesAnUnknownScopeOrOptionAndWritesNothing() {
        int badScope = run(Map.of("OLLAMA_PROXY_DATA_DIR", folder.toString()), "--scopes=root");
        int badOption = run(Map.of("OLLAMA_PROXY_DATA_DIR", folder.toString()), "--owner");

        assertThat(badScope).isEqualTo(2);
        assertThat(badOption).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown scope 'root'").contains("usage: create-key");
        assertThat(folder.resolve("api-keys.yaml")).doesNotExist();
        assertThat(out.size()).isZero();
    }

    private int run(Map<String, String> environment, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = CreateKeyCommand.NAME;
        System.arraycopy(options, 0, args, 1, options.length);
        return CreateKeyCommand.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
