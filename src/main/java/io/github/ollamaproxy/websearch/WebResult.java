package io.github.ollamaproxy.websearch;

/**
 * One web search result.
 *
 * @param title   the page title
 * @param url     the page address
 * @param snippet the search engine's extract, or the relevant passages of the page when it was
 *                fetched
 */
public record WebResult(String title, String url, String snippet) {
}
