package io.github.ollamaproxy.openai;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.ErrorShape;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Last step of the OpenAI routes: turns the native answer into OpenAI's. Streams become
 * server-sent events translated line by line as they arrive; whole answers become
 * {@code chat.completion}, {@code text_completion} or embedding lists; native error answers keep
 * their status and get OpenAI's error shape.
 */
@Component("openAiResponses")
public class OpenAiResponseWriter {

    /** Content type of OpenAI streams. */
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final JsonCodec json;
    private final ErrorBodies errors;
    private final StreamErrors streamErrors;

    public OpenAiResponseWriter(JsonCodec json, ErrorBodies errors) {
        this.json = json;
        this.errors = errors;
        this.streamErrors = new StreamErrors(errors);
    }

    /** {@code /v1/chat/completions}. */
    public void chat(Exchange exchange) {
        OpenAiCall call = call(exchange);
        translate(exchange, call, () -> new ChatChunkTranslator(call, streamErrors),
                answer -> ChatCompletionMapper.fromNative(answer, call));
    }

    /** {@code /v1/completions}. */
    public void completions(Exchange exchange) {
        OpenAiCall call = call(exchange);
        translate(exchange, call, () -> new TextChunkTranslator(call, streamErrors),
                answer -> TextCompletionMapper.fromNative(answer, call));
    }

    /** {@code /v1/embeddings}. */
    public void embeddings(Exchange exchange) {
        OpenAiCall call = call(exchange);
        translate(exchange, call, null, answer -> embeddingList(answer, call));
    }

    private void translate(Exchange exchange, OpenAiCall call, Supplier<NativeStreamTranslator> stream,
            Function<ObjectNode, ObjectNode> whole) {
        Message message = exchange.getMessage();
        Map<String, String> headers = HttpResponses.proxyHeaders(message);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        if (status / 100 != 2) {
            byte[] body = message.getBody(byte[].class);
            HttpResponses.respond(message, status, MediaTypes.JSON,
                    errors.render(upstreamError(status, body), ErrorShape.OPENAI), headers);
            return;
        }
        if (call.stream() && stream != null) {
            Map<String, String> streamHeaders = new LinkedHashMap<>(headers);
            streamHeaders.put("Cache-Control", "no-cache");
            streamHeaders.put("X-Accel-Buffering", "no");
            HttpResponses.respond(message, 200, EVENT_STREAM,
                    new SseBodyStream(bodyStream(message), stream.get(), json), streamHeaders);
            return;
        }
        byte[] body = message.getBody(byte[].class);
        ObjectNode answer = body == null ? null : json.readUpstreamObject(body);
        if (answer == null) {
            HttpResponses.respond(message, 502, MediaTypes.JSON, errors.render(new ApiError(502,
                    "upstream Ollama sent an answer that is not JSON", "upstream_invalid_answer", null),
                    ErrorShape.OPENAI), headers);
            return;
        }
        HttpResponses.respond(message, 200, MediaTypes.JSON, json.write(whole.apply(answer)), headers);
    }

    private ObjectNode embeddingList(ObjectNode answer, OpenAiCall call) {
        ObjectNode list = json.newObject().put("object", "list");
        ArrayNode data = list.putArray("data");
        int index = 0;
        for (JsonNode vector : answer.path("embeddings")) {
            ObjectNode item = data.addObject().put("object", "embedding");
            if (call.base64()) {
                item.put("embedding", base64(vector));
            } else {
                item.set("embedding", vector);
            }
            item.put("index", index++);
        }
        list.put("model", call.model());
        long tokens = answer.path("prompt_eval_count").asLong(0);
        list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return list;
    }

    /** A vector as OpenAI's base64: little-endian IEEE-754 float32 values. */
    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : vector) {
            bytes.putFloat((float) value.asDouble());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private ApiError upstreamError(int status, byte[] body) {
        ObjectNode error = body == null ? null : json.readUpstreamObject(body);
        String message = error != null && error.hasNonNull("error") ? error.get("error").asText()
                : body == null || body.length == 0 ? "upstream Ollama answered " + status
                : new String(body, StandardCharsets.UTF_8).strip();
        String code = status == 404 && message.startsWith("model ") ? "model_not_found" : null;
        return new ApiError(status, message, code, code == null ? null : "model");
    }

    private static InputStream bodyStream(Message message) {
        Object body = message.getBody();
        if (body instanceof InputStream stream) {
            return stream;
        }
        byte[] bytes = message.getBody(byte[].class);
        return new ByteArrayInputStream(bytes == null ? new byte[0] : bytes);
    }

    private static OpenAiCall call(Exchange exchange) {
        return exchange.getVariable(ExchangeVariables.OPENAI_CALL, OpenAiCall.class);
    }
}
