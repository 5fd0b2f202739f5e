package io.github.ollamaproxy.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where route files come from besides the ones shipped in the jar.
 *
 * @param dir    a folder of {@code *.camel.yaml} files that add routes and replace shipped ones with
 *               the same id; environment {@code OLLAMA_PROXY_ROUTES_DIR}. Empty: the folder
 *               {@value #DEFAULT_DIR} in the working directory when there is one, otherwise only the
 *               shipped routes. A folder that is named but missing stops the start.
 * @param reload whether edits to the folder's files take effect while the proxy runs (the
 *               {@code dev} profile turns it on)
 */
@ConfigurationProperties("ollama-proxy.routes")
public record RoutesProperties(@DefaultValue("") String dir, @DefaultValue("false") boolean reload) {

    /** The folder used when none is configured and it exists. */
    public static final String DEFAULT_DIR = "routes";

    /** How users name the setting: the environment variable and the property. */
    static final String SETTING = "OLLAMA_PROXY_ROUTES_DIR (ollama-proxy.routes.dir)";

    /**
     * The folder to read, if any.
     *
     * @throws RoutesFolderMissingException when a configured folder does not exist
     */
    public Optional<Path> folder() {
        if (dir.isBlank()) {
            Path fallback = Path.of(DEFAULT_DIR);
            return Files.isDirectory(fallback) ? Optional.of(fallback.toAbsolutePath()) : Optional.empty();
        }
        Path configured = Path.of(dir.strip()).toAbsolutePath();
        if (!Files.isDirectory(configured)) {
            throw new RoutesFolderMissingException(configured);
        }
        return Optional.of(configured);
    }
}
