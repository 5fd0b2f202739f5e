package io.github.ollamaproxy.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deterministic answer of a simulated model.
 * <ul>
 *   <li>Text: {@code "You said: "} and the user's last text, one word per token. With
 *       {@code options.num_predict} exactly that many tokens (cycling the words), ending with
 *       {@code done_reason: "length"}; the context window ({@code options.num_ctx}, else the
 *       model's) caps prompt plus answer the way Ollama does.</li>
 *   <li>After a tool result: {@code "The tool said: <result>"}.</li>
 *   <li>With {@code tools} and a user message last: a call of the first tool, with arguments made
 *       from its schema (strings get the last word of the user's text).</li>
 *   <li>With {@code format}: a JSON document ({@code {"reply": …}} for {@code "json"}, or one
 *       shaped by the given schema).</li>
 *   <li>A thinking model thinks first ({@code "Thinking about: …"}) unless {@code think} is false.</li>
 * </ul>
 *
 * @param pieces         the content tokens
 * @param thinkingPieces the thinking tokens, streamed before the content
 * @param toolCalls      the tool calls, or {@code null}
 * @param doneReason     {@code stop} or {@code length}
 * @param promptTokens   the prompt size in tokens (the model's characters per token, four by default)
 */
record Generation(List<String> pieces, List<String> thinkingPieces, ArrayNode toolCalls, String doneReason,
        int promptTokens) {

    static final String PREFIX = "You said: ";
    static final String EMPTY_REPLY = "Hello from the Ollama simulator.";
    private static final int TOKENS_PER_MESSAGE = 4;
    private static final int JSON_PIECE = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Generation forChat(ObjectNode request, SimulatedModel model) {
        JsonNode messages = request.path("messages");
        int promptTokens = 0;
        String lastUserText = "";
        String lastRole = "";
        String lastContent = "";
        for (JsonNode message : messages) {
            String content = message.path("content").asText("");
            promptTokens += estimateTokens(content, model.charsPerToken()) + TOKENS_PER_MESSAGE;
            lastRole = message.path("role").asText("");
            lastContent = content;
            if ("user".equals(lastRole)) {
                lastUserText = content;
            }
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            if (!model.capabilities().contains("tools")) {
                throw new SimulatorError(400, model.name() + " does not support tools");
            }
            if ("user".equals(lastRole)) {
                return new Generation(List.of(), thinking(request, model, lastUserText),
                        toolCall(tools.get(0), lastUserText), "stop", promptTokens);
            }
        }
        String reply = "tool".equals(lastRole) ? "The tool said: " + lastContent : null;
        return generate(request, model, lastUserText, reply, promptTokens);
    }

    static Generation forGenerate(ObjectNode request, SimulatedModel model) {
        String prompt = request.path("prompt").asText("");
        int promptTokens = estimateTokens(prompt, model.charsPerToken())
                + estimateTokens(request.path("system").asText(""), model.charsPerToken()) + TOKENS_PER_MESSAGE;
        return generate(request, model, prompt, null, promptTokens);
    }

    static int estimateTokens(String text) {
        return estimateTokens(text, SimulatedModel.CHARS_PER_TOKEN);
    }

    static int estimateTokens(String text, double charsPerToken) {
        return (int) Math.ceil(text.length() / charsPerToken);
    }

    String text() {
        return String.join("", pieces);
    }

    String thinkingText() {
        return String.join("", thinkingPieces);
    }

    private static Generation generate(ObjectNode request, SimulatedModel model, String userText, String reply,
            int promptTokens) {
        JsonNode options = request.path("options");
        int window = options.path("num_ctx").asInt(model.contextLength());
        int prompt = Math.min(promptTokens, window);
        int room = Math.max(0, window - prompt);
        List<String> thinking = thinking(request, model, userText);
        JsonNode format = request.get("format");
        if (format != null && !format.isNull() && !(format.isTextual() && format.asText().isEmpty())) {
            String document = document(format, userText).toString();
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < document.length(); i += JSON_PIECE) {
                pieces.add(document.substring(i, Math.min(document.length(), i + JSON_PIECE)));
            }
            return new Generation(pieces, thinking, null, "stop", prompt);
        }
        String text = reply != null ? reply : userText.isBlank() ? EMPTY_REPLY : PREFIX + userText;
        List<String> words = words(text);
        int numPredict = options.path("num_predict").asInt(-1);
        int wanted = numPredict > 0 ? numPredict : words.size();
        int count = Math.min(wanted, room);
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String word = words.get(i % words.size());
            pieces.add(i == count - 1 ? word : word + " ");
        }
        String reason = numPredict > 0 || count < wanted ? "length" : "stop";
        return new Generation(pieces, thinking, null, reason, prompt);
    }

    private static List<String> thinking(ObjectNode request, SimulatedModel model, String userText) {
        JsonNode think = request.get("think");
        boolean off = think != null && think.isBoolean() && !think.asBoolean();
        boolean asked = think != null && !off && !think.isNull();
        if (!model.capabilities().contains("thinking")) {
            if (asked) {
                throw new SimulatorError(400, "\"" + model.name() + "\" does not support thinking");
            }
            return List.of();
        }
        if (off) {
            return List.of();
        }
        List<String> words = words("Thinking about: " + userText);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            pieces.add(i == words.size() - 1 ? words.get(i) : words.get(i) + " ");
        }
        return pieces;
    }

    private static ArrayNode toolCall(JsonNode tool, String userText) {
        JsonNode function = tool.path("function");
        ObjectNode arguments = NODES.objectNode();
        JsonNode properties = function.path("parameters").path("properties");
        JsonNode required = function.path("parameters").path("required");
        properties.fieldNames().forEachRemaining(name -> {
            boolean wanted = !required.isArray() || required.isEmpty() || contains(required, name);
            if (wanted) {
                arguments.set(name, sample(properties.get(name), lastWord(userText)));
            }
        });
        ArrayNode calls = NODES.arrayNode();
        ObjectNode call = calls.addObject();
        call.put("id", "call_" + String.format("%08x", Math.abs(userText.hashCode())).substring(0, 8));
        call.putObject("function").put("index", 0).put("name", function.path("name").asText())
                .set("arguments", arguments);
        return calls;
    }

    private static JsonNode document(JsonNode format, String userText) {
        String echo = PREFIX + userText;
        if (format.isTextual()) {
            return NODES.objectNode().put("reply", echo);
        }
        return sample(format, echo);
    }

    private static JsonNode sample(JsonNode schema, String text) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("string");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(e -> object.set(e.getKey(), sample(e.getValue(), text)));
                yield object;
            }
            case "array" -> NODES.arrayNode().add(sample(schema.path("items"), text));
            case "integer" -> NODES.numberNode(42);
            case "number" -> NODES.numberNode(4.2);
            case "boolean" -> NODES.booleanNode(true);
            default -> schema.path("enum").isArray() && !schema.path("enum").isEmpty()
                    ? schema.path("enum").get(0) : NODES.textNode(text);
        };
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String lastWord(String text) {
        List<String> words = words(text.replaceAll("[^\\p{L}\\p{N}\\s]", " "));
        return words.isEmpty() ? "" : words.get(words.size() - 1);
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
