package io.github.ollamaproxy.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deterministic answer of a simulated model: it repeats the user's text after
 * {@code "You said: "}, one word per token. With {@code options.num_predict} it produces exactly
 * that many tokens (cycling the words) and stops with {@code done_reason: "length"}; the context
 * window ({@code options.num_ctx}, else the model's) caps prompt plus answer the way Ollama does.
 *
 * @param pieces        the streamed tokens
 * @param doneReason    {@code stop} or {@code length}
 * @param promptTokens  the prompt size in tokens (an estimate of four characters per token)
 */
record Generation(List<String> pieces, String doneReason, int promptTokens) {

    static final String PREFIX = "You said: ";
    static final String EMPTY_REPLY = "Hello from the Ollama simulator.";
    private static final int TOKENS_PER_MESSAGE = 4;

    static Generation forChat(ObjectNode request, SimulatedModel model) {
        JsonNode messages = request.path("messages");
        int promptTokens = 0;
        String lastUserText = "";
        for (JsonNode message : messages) {
            String content = message.path("content").asText("");
            promptTokens += estimateTokens(content) + TOKENS_PER_MESSAGE;
            if ("user".equals(message.path("role").asText())) {
                lastUserText = content;
            }
        }
        return generate(request, model, lastUserText, promptTokens);
    }

    static Generation forGenerate(ObjectNode request, SimulatedModel model) {
        String prompt = request.path("prompt").asText("");
        int promptTokens = estimateTokens(prompt) + estimateTokens(request.path("system").asText(""))
                + TOKENS_PER_MESSAGE;
        return generate(request, model, prompt, promptTokens);
    }

    static int estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    String text() {
        return String.join("", pieces);
    }

    private static Generation generate(ObjectNode request, SimulatedModel model, String userText, int promptTokens) {
        JsonNode options = request.path("options");
        int window = options.path("num_ctx").asInt(model.contextLength());
        int prompt = Math.min(promptTokens, window);
        int room = Math.max(0, window - prompt);
        List<String> words = words(userText.isBlank() ? EMPTY_REPLY : PREFIX + userText);
        int numPredict = options.path("num_predict").asInt(-1);
        int wanted = numPredict > 0 ? numPredict : words.size();
        int count = Math.min(wanted, room);
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String word = words.get(i % words.size());
            pieces.add(i == count - 1 ? word : word + " ");
        }
        String reason = numPredict > 0 || count < wanted ? "length" : "stop";
        return new Generation(pieces, reason, prompt);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
