package io.github.ollamaproxy.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Reads and writes the keys file, YAML with a {@code keys:} list of {@link ApiKey}s (property names in kebab case:
 * {@code requests-per-minute}). Writes go to a
 * temporary file that replaces the old one at once, so a reader never sees half a file.
 */
public final class ApiKeyFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);

    /** The file's content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(List<ApiKey> keys) {

        Content {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    private ApiKeyFile() {
    }

    /** The keys in {@code file}; none when it does not exist or is empty. */
    public static List<ApiKey> read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return List.of();
        }
        Content content = YAML.readValue(file.toFile(), Content.class);
        List<ApiKey> keys = content == null ? List.of() : content.keys();
        Set<String> ids = new HashSet<>();
        for (ApiKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IOException("key id " + key.id() + " appears twice in " + file);
            }
        }
        return keys;
    }

    /** Adds {@code key} to {@code file}, creating it (and its folder) when missing. */
    public static void append(Path file, ApiKey key) throws IOException {
        List<ApiKey> keys = new ArrayList<>(read(file));
        keys.add(key);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".api-keys", ".tmp");
        YAML.writeValue(temporary.toFile(), new Content(keys));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
