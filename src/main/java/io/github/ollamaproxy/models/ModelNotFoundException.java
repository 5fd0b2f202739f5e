package io.github.ollamaproxy.models;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;

/** The requested model is not installed upstream and could not be pulled; answered with 404. */
public class ModelNotFoundException extends ProxyException {

    public ModelNotFoundException(String model, String reason) {
        super(new ApiError(404, "model '" + model + "' not found (pulling it failed: " + reason + ")",
                "model_not_found", "model"));
    }
}
