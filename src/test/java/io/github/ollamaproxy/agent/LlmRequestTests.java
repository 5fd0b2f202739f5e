package io.github.ollamaproxy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class LlmRequestTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void userTextIsTheLastMessageOnlyWhenItIsFromTheUser() throws Exception {
        LlmRequest fromUser = chat("[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"User\",\"content\":\"q\"}]");
        assertThat(fromUser.userText()).hasValue("q");

        LlmRequest fromAssistant = chat("[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]");
        assertThat(fromAssistant.userText()).isEmpty();
        fromAssistant.setUserText("ignored");
        assertThat(fromAssistant.body().path("messages").get(1).path("content").asText()).isEqualTo("a");

        assertThat(chat("[]").userText()).isEmpty();
        assertThat(chat("[{\"role\":\"user\",\"content\":[1]}]").userText()).isEmpty();
        assertThat(new LlmRequest(Endpoint.CHAT, object("{\"model\":\"m\",\"messages\":\"odd\"}")).userText()).isEmpty();
    }

    @Test
    void systemMessagesGoAfterTheLeadingOnes() throws Exception {
        LlmRequest request = chat("[{\"role\":\"system\",\"content\":\"first\"},{\"role\":\"user\",\"content\":\"q\"}]");

        request.addSystemMessage("second");

        assertThat(request.body().path("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"first\"},{\"role\":\"system\",\"content\":\"second\"},"
                        + "{\"role\":\"user\",\"content\":\"q\"}]");
    }

    @Test
    void generateUsesPromptAndSystemField() throws Exception {
        LlmRequest request = new LlmRequest(Endpoint.GENERATE,
                object("{\"model\":\"m\",\"prompt\":\"p\",\"system\":\"be kind\"}"));

        request.addSystemMessage("cite sources");
        request.setUserText("p2");

        assertThat(request.body().path("system").asText()).isEqualTo("be kind\n\ncite sources");
        assertThat(request.userText()).hasValue("p2");
        assertThat(request.conversationText()).isEqualTo("system: be kind\n\ncite sources\nuser: p2");
    }

    @Test
    void streamFollowsOllamasDefault() throws Exception {
        assertThat(new LlmRequest(Endpoint.CHAT, object("{\"model\":\"m\"}")).stream()).isTrue();
        assertThat(new LlmRequest(Endpoint.CHAT, object("{\"model\":\"m\",\"stream\":false}")).stream()).isFalse();
    }

    @Test
    void optionsAreCreatedWhenMissing() throws Exception {
        LlmRequest request = new LlmRequest(Endpoint.CHAT, object("{\"model\":\"m\"}"));

        request.options().put("num_ctx", 4096);

        assertThat(request.body().toString()).isEqualTo("{\"model\":\"m\",\"options\":{\"num_ctx\":4096}}");
    }

    @Test
    void answerHasTheNativeShape() throws Exception {
        LlmRequest chat = chat("[{\"role\":\"user\",\"content\":\"q\"}]");
        chat.answer("a");
        assertThat(chat.answer().orElseThrow().path("message").path("content").asText()).isEqualTo("a");
        assertThat(chat.answer().orElseThrow().path("done").asBoolean()).isTrue();
        assertThat(chat.isAnswered()).isTrue();

        LlmRequest generate = new LlmRequest(Endpoint.GENERATE, object("{\"model\":\"m\",\"prompt\":\"p\"}"));
        generate.answer("b");
        assertThat(generate.answer().orElseThrow().path("response").asText()).isEqualTo("b");
    }

    @Test
    void responseHeadersMustBeProxyHeadersAndSingleLine() throws Exception {
        LlmRequest request = chat("[]");

        request.putResponseHeader("x-ollama-proxy-note", "line one\r\nline two");

        assertThat(request.responseHeaders()).containsEntry("x-ollama-proxy-note", "line one line two");
        assertThatThrownBy(() -> request.putResponseHeader("Set-Cookie", "a=b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LlmRequest chat(String messages) throws Exception {
        return new LlmRequest(Endpoint.CHAT, object("{\"model\":\"m\",\"messages\":" + messages + "}"));
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
