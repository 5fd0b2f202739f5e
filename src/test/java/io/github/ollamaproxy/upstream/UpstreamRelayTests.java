package io.github.ollamaproxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream errors in text or HTML reach Ollama's clients as its JSON error, status kept; JSON and successes pass untouched. */
class UpstreamRelayTests {

    private final UpstreamRelay relay = new UpstreamRelay(new ErrorBodies(new JsonCodec(new ObjectMapper())));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404 | text/plain; charset=utf-8 | 404 page not found | {\"error\":\"404 page not found\"}",
            "405 | text/plain | '  405 method not allowed  ' | {\"error\":\"405 method not allowed\"}",
            "502 | text/html | <html><body><h1>502 Bad Gateway</h1></body></html> | {\"error\":\"upstream answered 502 Bad Gateway\"}",
            "403 | | '' | {\"error\":\"upstream answered 403 Forbidden\"}"})
    void textErrorsBecomeOllamasJsonError(int status, String contentType, String body, String expected) throws Exception {
        Message message = answer(status, contentType, body);

        relay.relay(message.getExchange());

        assertThat(message.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(message.getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("application/json");
        assertThat(new String(message.getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404 | application/json; charset=utf-8 | {\"error\":\"model 'x' not found\"}",
            "200 | text/plain; charset=utf-8 | Ollama is running"})
    void jsonErrorsAndSuccessesAreRelayedAsTheyCame(int status, String contentType, String body) throws Exception {
        Message message = answer(status, contentType, body);

        relay.relay(message.getExchange());

        assertThat(message.getBody()).isInstanceOf(RelayInputStream.class);
        assertThat(new String(((InputStream) message.getBody()).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(message.getHeader(Exchange.CONTENT_TYPE)).isEqualTo(contentType);
    }

    private static Message answer(int status, String contentType, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        message.setBody(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return message;
    }
}
