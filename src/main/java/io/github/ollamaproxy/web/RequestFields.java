package io.github.ollamaproxy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Checks of request fields that every API shares. */
public final class RequestFields {

    private RequestFields() {
    }

    /**
     * The {@code model} of a request.
     *
     * @throws InvalidRequestException when it is missing, blank or not a string
     */
    public static String requireModel(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull() || model.isTextual() && model.textValue().isBlank()) {
            throw new InvalidRequestException("model is required", "model");
        }
        if (!model.isTextual()) {
            throw new InvalidRequestException("model must be a string", "model");
        }
        return model.textValue();
    }
}
