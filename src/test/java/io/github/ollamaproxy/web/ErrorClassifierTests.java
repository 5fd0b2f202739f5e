package io.github.ollamaproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTests {

    @Test
    void proxyErrorsKeepTheirStatusEvenWhenWrapped() {
        ApiError error = ErrorClassifier.classify(new RuntimeCamelException(new InvalidRequestException("bad", "model")));
        assertThat(error).isEqualTo(new ApiError(400, "bad", null, "model"));
    }

    @Test
    void unreachableUpstreamIs502() {
        assertThat(ErrorClassifier.classify(new HttpHostConnectException("Connection refused")).status()).isEqualTo(502);
        assertThat(ErrorClassifier.classify(new RuntimeException(new ConnectException("refused"))).status()).isEqualTo(502);
    }

    @Test
    void timeoutsAre504() {
        assertThat(ErrorClassifier.classify(new SocketTimeoutException("Read timed out")).status()).isEqualTo(504);
        assertThat(ErrorClassifier.classify(new ConnectTimeoutException("connect timed out")).status()).isEqualTo(504);
    }

    @Test
    void aBodyJacksonCouldNotReadIs400() throws Exception {
        try {
            new ObjectMapper().readTree("{bad");
        } catch (JsonProcessingException unreadable) {
            ApiError error = ErrorClassifier.classify(new RuntimeCamelException(unreadable));
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.message()).startsWith("invalid JSON in request body: Unexpected character");
            return;
        }
        throw new AssertionError("the body was read");
    }

    @Test
    void anythingElseIsAGeneric500WithoutDetails() {
        ApiError error = ErrorClassifier.classify(new NullPointerException("secret internals"));
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).isEqualTo("internal proxy error");
    }
}
