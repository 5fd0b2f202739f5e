package io.github.ollamaproxy.messaging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;

/**
 * What a request that arrives as a message is: one of the HTTP endpoints' request bodies. Set per
 * entry point or per message ({@link MessageHeaders#FORMAT}), or detected from the fields: {@code
 * messages} is a chat, {@code prompt} a completion, {@code input} an embedding; a field only Ollama's
 * API has ({@code options}, {@code format}, {@code keep_alive}, {@code think}, {@code images},
 * {@code system}, {@code raw}, {@code template}, {@code context}, {@code truncate})
 * makes it native, anything else is read as OpenAI's.
 */
public enum MessageFormat {

    OPENAI_CHAT("openai-chat", "/v1/chat/completions"),
    OPENAI_COMPLETIONS("openai-completions", "/v1/completions"),
    OPENAI_EMBEDDINGS("openai-embeddings", "/v1/embeddings"),
    NATIVE_CHAT("native-chat", "/api/chat"),
    NATIVE_GENERATE("native-generate", "/api/generate"),
    NATIVE_EMBED("native-embed", "/api/embed");

    /** Detect the format from the fields of each request. */
    public static final String AUTO = "auto";

    private static final Set<String> NATIVE_ONLY = Set.of("options", "format", "keep_alive", "think", "system", "raw",
            "template", "context", "truncate");

    private final String id;
    private final String path;

    MessageFormat(String id, String path) {
        this.id = id;
        this.path = path;
    }

    /** The format of the HTTP endpoint at this path ({@code /v1/chat/completions}, …), if there is one. */
    public static Optional<MessageFormat> forPath(String path) {
        return Arrays.stream(values()).filter(format -> format.path.equals(path)).findFirst();
    }

    /** The name used in route parameters and message headers, e.g. {@code openai-chat}. */
    public String id() {
        return id;
    }

    public boolean isOpenAi() {
        return this == OPENAI_CHAT || this == OPENAI_COMPLETIONS || this == OPENAI_EMBEDDINGS;
    }

    /**
     * The format named by a header or a route parameter, or the one detected from the request when
     * the name is empty or {@value #AUTO}.
     *
     * @throws InvalidRequestException for an unknown name, or a request no format fits
     */
    public static MessageFormat of(String name, ObjectNode request) {
        if (name == null || name.isBlank() || name.strip().equalsIgnoreCase(AUTO)) {
            return detect(request);
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown request format '" + name + "'; use " + AUTO + ", "
                        + Arrays.stream(values()).map(MessageFormat::id).collect(Collectors.joining(", ")),
                        MessageHeaders.FORMAT));
    }

    static MessageFormat detect(ObjectNode request) {
        boolean nativeFields = NATIVE_ONLY.stream().anyMatch(request::has) || hasImages(request.path("messages")) || request.has("images");
        if (request.has("messages")) {
            return nativeFields ? NATIVE_CHAT : OPENAI_CHAT;
        }
        if (request.has("prompt")) {
            return nativeFields ? NATIVE_GENERATE : OPENAI_COMPLETIONS;
        }
        if (request.has("input")) {
            return nativeFields ? NATIVE_EMBED : OPENAI_EMBEDDINGS;
        }
        throw new InvalidRequestException("cannot tell what this request is: it has no 'messages' (chat), 'prompt' "
                + "(completion) or 'input' (embedding)", null);
    }

    private static boolean hasImages(JsonNode messages) {
        for (JsonNode message : messages) {
            if (message.has("images")) {
                return true;
            }
        }
        return false;
    }
}
