package io.github.ollamaproxy.plugins;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent plugin jars.
 *
 * @param dir folder scanned at start for {@code *.jar} agent plugins; environment
 *            {@code OLLAMA_PROXY_PLUGINS_DIR}; a missing folder means no plugins
 */
@ConfigurationProperties("ollama-proxy.plugins")
public record PluginProperties(@DefaultValue("plugins") Path dir) {
}
