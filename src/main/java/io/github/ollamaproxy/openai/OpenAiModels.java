package io.github.ollamaproxy.openai;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

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
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /v1/models} (from the native tags list) and {@code GET /v1/models/{id}} (from
 * {@code /api/show}). Ids may contain {@code /} and {@code :}, percent-encoded or not.
 */
@Component("openAiModels")
public class OpenAiModels {

    static final String PATH = "/v1/models";

    private final JsonCodec json;
    private final ErrorBodies errors;

    public OpenAiModels(JsonCodec json, ErrorBodies errors) {
        this.json = json;
        this.errors = errors;
    }

    /** Points the request at {@code /api/tags} (list) or {@code /api/show} (one model). */
    public void prepareUpstreamRequest(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, PATH, String.class);
        String id = path.length() > PATH.length() + 1 ? UriUtils.decode(path.substring(PATH.length() + 1),
                StandardCharsets.UTF_8) : null;
        exchange.setVariable(ExchangeVariables.OPENAI_CALL, new OpenAiCall(OpenAiCall.Kind.MODELS, null, id, false, false,
                null, false));
        if (id == null) {
            message.setBody(null);
            UpstreamCall.prepare(message, "GET", "/api/tags");
        } else {
            exchange.setVariable(ExchangeVariables.MODEL, id);
            message.setBody(json.write(json.newObject().put("model", id)));
            UpstreamCall.prepare(message, "POST", "/api/show");
        }
    }

    /** The model list, or the one model, in OpenAI's shape. */
    public void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = exchange.getVariable(ExchangeVariables.OPENAI_CALL, OpenAiCall.class).model();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        byte[] body = message.getBody(byte[].class);
        ObjectNode upstream = body == null ? null : json.readUpstreamObject(body);
        if (status == 404 && id != null) {
            respondError(message, new ApiError(404, "model '" + id + "' not found", "model_not_found", "model"));
        } else if (status / 100 != 2 || upstream == null) {
            String reason = upstream != null && upstream.hasNonNull("error") ? upstream.get("error").asText()
                    : "upstream Ollama answered " + status;
            respondError(message, new ApiError(status / 100 == 2 ? 502 : status, reason));
        } else {
            ObjectNode answer = id == null ? list(upstream) : model(id, upstream.path("modified_at").asText(""));
            HttpResponses.respond(message, 200, MediaTypes.JSON, json.write(answer), Map.of());
        }
    }

    private ObjectNode list(ObjectNode tags) {
        ObjectNode list = json.newObject().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (JsonNode model : tags.path("models")) {
            String id = model.path("model").asText(model.path("name").asText(""));
            data.add(model(id, model.path("modified_at").asText("")));
        }
        return list;
    }

    private ObjectNode model(String id, String modifiedAt) {
        return json.newObject()
                .put("id", id)
                .put("object", "model")
                .put("created", epochSeconds(modifiedAt))
                .put("owned_by", owner(id));
    }

    /** The namespace of {@code [host/][namespace/]model[:tag]}; {@code library} when there is none. */
    static String owner(String id) {
        String[] parts = id.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "library";
    }

    private static long epochSeconds(String timestamp) {
        try {
            return Instant.parse(timestamp).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private void respondError(Message message, ApiError error) {
        HttpResponses.respond(message, error.status(), MediaTypes.JSON, errors.render(error, ErrorShape.OPENAI), Map.of());
    }
}
