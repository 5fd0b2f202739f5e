package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * First step of the OpenAI routes: validates the OpenAI request (400 in OpenAI's error shape) and
 * turns it into the native request, so the same agent pipeline and upstream route serve it.
 */
@Component("openAiRequests")
public class OpenAiRequestReader {

    private final JsonCodec json;

    public OpenAiRequestReader(JsonCodec json) {
        this.json = json;
    }

    /** {@code POST /v1/chat/completions} → an {@link LlmRequest} for {@code /api/chat}. */
    public void chat(Exchange exchange) {
        ObjectNode openAi = read(exchange);
        ObjectNode chat = ChatRequestMapper.toNative(openAi);
        start(exchange, new LlmRequest(Endpoint.CHAT, chat), new OpenAiCall(OpenAiCall.Kind.CHAT,
                OpenAiIds.chatCompletion(), chat.path("model").asText(), chat.path("stream").asBoolean(),
                OpenAiValidation.includeUsage(openAi), null, false));
    }

    /** {@code POST /v1/completions} → an {@link LlmRequest} for {@code /api/generate}. */
    public void completions(Exchange exchange) {
        ObjectNode openAi = read(exchange);
        ObjectNode generate = CompletionRequestMapper.toNative(openAi);
        String echo = openAi.path("echo").asBoolean(false) ? generate.path("prompt").asText() : null;
        start(exchange, new LlmRequest(Endpoint.GENERATE, generate), new OpenAiCall(OpenAiCall.Kind.COMPLETION,
                OpenAiIds.completion(), generate.path("model").asText(), generate.path("stream").asBoolean(),
                OpenAiValidation.includeUsage(openAi), echo, false));
    }

    /** {@code POST /v1/embeddings} → the body of a native {@code POST /api/embed}. */
    public void embeddings(Exchange exchange) {
        ObjectNode openAi = read(exchange);
        ObjectNode embed = EmbeddingRequestMapper.toNative(openAi);
        String model = embed.path("model").asText();
        exchange.setVariable(ExchangeVariables.OPENAI_CALL, new OpenAiCall(OpenAiCall.Kind.EMBEDDING, null, model, false,
                false, null, EmbeddingRequestMapper.base64(openAi)));
        exchange.setVariable(ExchangeVariables.MODEL, model);
        Message message = exchange.getMessage();
        message.setBody(json.write(embed));
        UpstreamCall.prepare(message, "POST", "/api/embed");
    }

    private ObjectNode read(Exchange exchange) {
        return json.readObject(exchange.getMessage().getBody(byte[].class));
    }

    private static void start(Exchange exchange, LlmRequest request, OpenAiCall call) {
        exchange.setVariable(ExchangeVariables.REQUEST, request);
        exchange.setVariable(ExchangeVariables.OPENAI_CALL, call);
        exchange.getMessage().setBody(request);
    }
}
