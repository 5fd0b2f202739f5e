package io.github.ollamaproxy.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may send.
 *
 * @param maxRequestBody    largest JSON request body accepted, counted after inflating a
 *                          compressed one (blob uploads are exempt); larger ones get 413
 * @param maxInflationRatio how many times its compressed size a gzip or deflate body may inflate
 *                          to once it passes 1 MB (like Apache httpd's
 *                          {@code DeflateInflateRatioLimit}); a "zip bomb" beyond it gets 413 after
 *                          about a megabyte instead of after the whole body limit
 */
@ConfigurationProperties("ollama-proxy.limits")
public record RequestLimits(
        @DefaultValue("64MB") DataSize maxRequestBody,
        @DefaultValue("200") int maxInflationRatio) {
}
