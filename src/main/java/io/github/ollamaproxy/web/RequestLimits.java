package io.github.ollamaproxy.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may send.
 *
 * @param maxRequestBody largest JSON request body accepted (blob uploads are exempt); larger ones
 *                       get 413
 */
@ConfigurationProperties("ollama-proxy.limits")
public record RequestLimits(@DefaultValue("64MB") DataSize maxRequestBody) {
}
