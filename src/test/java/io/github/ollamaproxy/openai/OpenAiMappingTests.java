package io.github.ollamaproxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import org.junit.jupiter.api.Test;

class OpenAiMappingTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void messagesAreMappedOntoNativeOnes() throws Exception {
        ObjectNode chat = ChatRequestMapper.toNative(object("""
                {"model":"m","messages":[
                  {"role":"developer","content":"rules"},
                  {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,aGk="}},
                    {"type":"image_url","image_url":"data:;base64,aG8="}]},
                  {"role":"assistant","content":null,"reasoning":"hmm",
                   "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\\"x\\":1}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"42"}]}"""));

        JsonNode messages = chat.path("messages");
        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"rules\"}");
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"a\\nb\",\"images\":[\"aGk=\",\"aG8=\"]}");
        assertThat(messages.get(2).path("tool_calls").get(0).toString())
                .isEqualTo("{\"id\":\"c1\",\"function\":{\"name\":\"f\",\"arguments\":{\"x\":1}}}");
        assertThat(messages.get(2).path("thinking").asText()).isEqualTo("hmm");
        assertThat(messages.get(3).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"c1\",\"tool_name\":\"f\"}");
        assertThat(chat.path("stream").asBoolean(true)).isFalse();
    }

    @Test
    void invalidChatRequestsAreExplained() {
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model is required");
        assertInvalid("{\"model\":\"m\"}", "'messages' is required");
        assertInvalid("{\"model\":\"m\",\"messages\":[]}", "[] is too short - 'messages'");
        assertInvalid("{\"model\":\"m\",\"messages\":[1]}", "invalid message format");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "invalid message role: \"robot\"");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":true}]}", "invalid message content type: boolean");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":null}]}", "invalid message content type: null");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\"}]}]}", "invalid message format");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}", "image URLs are not currently supported");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,%%%\"}}]}]}", "invalid image input");
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":"
                + "{\"name\":\"f\",\"arguments\":\"not json\"}}]}]}", "invalid tool call arguments");
        assertInvalid(chatWith("\"stop\":[\"a\",1]"), "invalid type for 'stop' field: number");
        assertInvalid(chatWith("\"reasoning_effort\":\"extreme\""), "invalid reasoning value: \"extreme\"");
        assertInvalid(chatWith("\"response_format\":{\"type\":\"yaml\"}"), "invalid response_format type");
        assertInvalid(chatWith("\"n\":3"), "'n' must be 1");
        assertInvalid(chatWith("\"logit_bias\":{\"50256\":-100}"), "logit_bias is not supported by Ollama");
        assertInvalid(chatWith("\"temperature\":\"hot\""), "'temperature' must be a number, not string");
        assertInvalid(chatWith("\"stream\":\"yes\""), "'stream' must be a boolean");
        assertInvalid(chatWith("\"top_logprobs\":30"), "top_logprobs must be between 0 and 20");
        assertInvalid(chatWith("\"options\":[1]"), "'options' must be an object of Ollama options");
    }

    @Test
    void reasoningEffortsFollowOllamasTable() throws Exception {
        assertThat(ChatRequestMapper.toNative(object(chatWith("\"reasoning_effort\":\"none\""))).path("think").asBoolean(true)).isFalse();
        assertThat(think("minimal")).isEqualTo("low");
        assertThat(think("medium")).isEqualTo("medium");
        assertThat(think("xhigh")).isEqualTo("max");
        assertThat(ChatRequestMapper.toNative(object(chatWith("\"reasoning\":{\"effort\":\"high\"},\"reasoning_effort\":\"low\"")))
                .path("think").asText()).isEqualTo("high");
        assertThat(ChatRequestMapper.toNative(object(chatWith("\"reasoning_effort\":\"\""))).has("think")).isFalse();
    }

    @Test
    void responseFormatsAndToolChoices() throws Exception {
        assertThat(ChatRequestMapper.toNative(object(chatWith("\"response_format\":{\"type\":\"text\"}"))).has("format")).isFalse();
        assertThat(ChatRequestMapper.toNative(object(chatWith("\"response_format\":{\"type\":\" JSON_OBJECT \"}")))
                .path("format").asText()).isEqualTo("json");
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]";
        assertThat(ChatRequestMapper.toNative(object(chatWith(tools + ",\"tool_choice\":\"none\""))).has("tools")).isFalse();
        assertThat(ChatRequestMapper.toNative(object(chatWith(tools + ",\"tool_choice\":\"auto\""))).path("tools")).hasSize(2);
        JsonNode named = ChatRequestMapper.toNative(object(chatWith(tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}"))).path("tools");
        assertThat(named).hasSize(1);
        assertThat(named.get(0).path("function").path("name").asText()).isEqualTo("b");
        assertInvalid(chatWith(tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"z\"}}"),
                "tool_choice names a tool that is not in 'tools': z");
    }

    @Test
    void completionsAndEmbeddingsRequests() throws Exception {
        ObjectNode generate = CompletionRequestMapper.toNative(object(
                "{\"model\":\"m\",\"prompt\":[\"only\"],\"logprobs\":3,\"max_tokens\":9,\"stream\":true}"));
        assertThat(generate.path("prompt").asText()).isEqualTo("only");
        assertThat(generate.path("top_logprobs").asInt()).isEqualTo(3);
        assertThat(generate.path("options").path("num_predict").asInt()).isEqualTo(9);
        assertThat(generate.path("stream").asBoolean()).isTrue();
        assertThatThrownBy(() -> CompletionRequestMapper.toNative(object("{\"model\":\"m\",\"prompt\":[1,2,3]}")))
                .hasMessageStartingWith("'prompt' must be a string");

        ObjectNode embed = EmbeddingRequestMapper.toNative(object(
                "{\"model\":\"e\",\"input\":\"\",\"dimensions\":4,\"keep_alive\":\"1m\",\"user\":\"u\"}"));
        assertThat(embed.toString()).isEqualTo("{\"model\":\"e\",\"input\":[\"\"],\"dimensions\":4,\"keep_alive\":\"1m\"}");
        assertThat(EmbeddingRequestMapper.base64(object("{\"encoding_format\":\"BASE64\"}"))).isTrue();
        assertThat(EmbeddingRequestMapper.base64(object("{}"))).isFalse();
    }

    @Test
    void vectorsAreLittleEndianFloat32InBase64() throws Exception {
        assertThat(OpenAiResponseWriter.base64(MAPPER.readTree("[0.5,-0.25]"))).isEqualTo("AAAAPwAAgL4=");
    }

    @Test
    void namespacesOwnTheirModels() {
        assertThat(OpenAiModels.owner("llama3.2:latest")).isEqualTo("library");
        assertThat(OpenAiModels.owner("team/coder:7b")).isEqualTo("team");
        assertThat(OpenAiModels.owner("registry.example.com/ns/model:tag")).isEqualTo("ns");
    }

    @Test
    void streamedToolCallsAndUsageFollowOpenAisOrder() throws Exception {
        OpenAiCall call = new OpenAiCall(OpenAiCall.Kind.CHAT, "chatcmpl-1", "m", true, true, null, false);
        ChatChunkTranslator translator = new ChatChunkTranslator(call, errors());
        SseEvents events = new SseEvents();
        List<String> lines = List.of(
                "{\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"t\"},\"done\":false}",
                "{\"message\":{\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"a\",\"arguments\":{}}},"
                        + "{\"id\":\"call_b\",\"function\":{\"name\":\"b\",\"arguments\":{\"k\":true}}}]},\"done\":false}",
                "{\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,\"eval_count\":2}");
        List<Boolean> going = new ArrayList<>();
        for (String line : lines) {
            going.add(translator.onLine(object(line), events));
        }

        List<JsonNode> sent = events(events);
        assertThat(going).containsExactly(true, true, false);
        assertThat(sent.get(0).path("choices").get(0).path("delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
        assertThat(sent.get(0).path("created").asLong()).isEqualTo(1767225600L);
        assertThat(sent.get(1).path("choices").get(0).path("delta").path("reasoning").asText()).isEqualTo("t");
        JsonNode toolCalls = sent.get(2).path("choices").get(0).path("delta").path("tool_calls");
        assertThat(toolCalls.get(0).path("index").asInt()).isZero();
        assertThat(toolCalls.get(0).path("id").asText()).startsWith("call_");
        assertThat(toolCalls.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(toolCalls.get(1).path("function").path("arguments").asText()).isEqualTo("{\"k\":true}");
        assertThat(sent.get(3).path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(sent.get(4).path("choices")).isEmpty();
        assertThat(sent.get(4).path("usage").path("total_tokens").asInt()).isEqualTo(5);
        assertThat(sent.get(5).isMissingNode()).isTrue();
    }

    @Test
    void errorLineAndEarlyEndBecomeErrorEvents() throws Exception {
        OpenAiCall call = new OpenAiCall(OpenAiCall.Kind.CHAT, "chatcmpl-2", "m", true, false, null, false);
        SseEvents events = new SseEvents();
        ChatChunkTranslator translator = new ChatChunkTranslator(call, errors());

        assertThat(translator.onLine(object("{\"error\":\"boom\"}"), events)).isFalse();
        translator.onEarlyEnd(events);

        String text = new String(events.take(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("data: {\"error\":{\"message\":\"boom\",\"type\":\"api_error\",\"param\":null,\"code\":null}}\n\n"
                + "data: {\"error\":{\"message\":\"the upstream answer ended before it was complete\",\"type\":\"api_error\","
                + "\"param\":null,\"code\":null}}\n\n");
    }

    private static List<JsonNode> events(SseEvents events) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String event : new String(events.take(), StandardCharsets.UTF_8).split("\n\n")) {
            String data = event.substring("data: ".length());
            parsed.add(data.equals("[DONE]") ? MAPPER.missingNode() : MAPPER.readTree(data));
        }
        return parsed;
    }

    private static StreamErrors errors() {
        return new StreamErrors(new ErrorBodies(new JsonCodec(MAPPER)));
    }

    private static String think(String effort) throws Exception {
        return ChatRequestMapper.toNative(object(chatWith("\"reasoning_effort\":\"" + effort + "\""))).path("think").asText();
    }

    private static String chatWith(String fields) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + fields + "}";
    }

    private static void assertInvalid(String json, String messageStart) {
        assertThatThrownBy(() -> ChatRequestMapper.toNative(object(json)))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(messageStart);
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }
}
