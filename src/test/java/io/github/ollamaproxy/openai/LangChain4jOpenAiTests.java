package io.github.ollamaproxy.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.github.ollamaproxy.simulator.SimulatedModel;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import io.github.ollamaproxy.support.StreamedChat;
import org.junit.jupiter.api.Test;

/** The proxy's {@code /v1} with LangChain4j's OpenAI client. */
class LangChain4jOpenAiTests extends ProxyIntegrationTest {

    @Test
    void chatsAndCallsTools() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(client.baseUrl() + "/v1").apiKey("any-key")
                .modelName(MODEL).build();

        assertThat(model.chat("/example hi from langchain4j"))
                .isEqualTo("You said: [Example Agent] hi from langchain4j [processed by example agent]");

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Weather in Berlin?"))
                .toolSpecifications(ToolSpecification.builder().name("get_weather").description("Weather in a city")
                        .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
                        .build())
                .build());
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Berlin\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void streams() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(client.baseUrl() + "/v1")
                .apiKey("any-key").modelName(MODEL).build();
        StreamedChat chat = StreamedChat.of(model, "stream through langchain4j");
        List<String> partials = chat.partials();
        ChatResponse response = chat.response();
        assertThat(partials).hasSizeGreaterThan(3);
        assertThat(response.aiMessage().text()).isEqualTo("You said: stream through langchain4j");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void embeds() {
        SIMULATOR.install(SimulatedModel.embedding("lc4j-embedder", 12));
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(client.baseUrl() + "/v1").apiKey("any-key")
                .modelName("lc4j-embedder").build();

        Embedding embedding = model.embed("some text").content();

        assertThat(embedding.dimension()).isEqualTo(12);
    }
}
