package io.github.ollamaproxy.messaging;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ProxyException;

/** A request that arrived as a message and was answered with an error status. */
public class LlmMessageFailure extends ProxyException {

    public LlmMessageFailure(ApiError error) {
        super(error);
    }
}
