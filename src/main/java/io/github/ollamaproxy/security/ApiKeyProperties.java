package io.github.ollamaproxy.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the API keys are kept.
 *
 * @param file the keys file; {@code api-keys.yaml} in the data folder when not set (environment
 *             {@code OLLAMA_PROXY_API_KEYS_FILE})
 */
@ConfigurationProperties("ollama-proxy.api-keys")
public record ApiKeyProperties(Path file) {
}
