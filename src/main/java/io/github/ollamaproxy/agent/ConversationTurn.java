package io.github.ollamaproxy.agent;

/**
 * One part of a request's conversation as a model sees it: a chat message, the system prompt or
 * prompt of a generate request, or the tool definitions.
 *
 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool} or {@code tools}
 * @param text its text (for {@code tools}, the definitions as compact JSON)
 */
public record ConversationTurn(String role, String text) {
}
