package io.github.ollamaproxy.optimizer;

/**
 * A template a prompt matched.
 *
 * @param template   the template
 * @param distance   Hamming distance of the 64-token-prefix fingerprints
 * @param resolution the longest prefix at which every shorter one also matched
 */
public record TemplateMatch(Template template, int distance, Resolution resolution) {
}
