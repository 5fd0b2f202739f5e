package io.github.ollamaproxy.models;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;

/** The requested model is not installed upstream and was not (or could not be) pulled; answered with 404. */
public class ModelNotFoundException extends ProxyException {

    /**
     * @param reason why it was not pulled, or why the pull failed
     * @param pulled whether a pull was tried
     */
    public ModelNotFoundException(String model, String reason, boolean pulled) {
        super(new ApiError(404, "model '" + model + "' not found (" + (pulled ? "pulling it failed: " : "not pulled: ")
                + reason + ")", "model_not_found", "model"));
    }
}
