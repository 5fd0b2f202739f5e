package io.github.ollamaproxy.batch;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.Exchange;

/** What the Files and Batch endpoints share: the {@code {id}} of their paths, and their JSON answers. */
final class BatchHttp {

    /** The path parameter platform-http sets from {@code /v1/files/{id}} and {@code /v1/batches/{id}}. */
    private static final String ID = "id";

    private BatchHttp() {
    }

    static String id(Exchange exchange) {
        return exchange.getMessage().getHeader(ID, String.class);
    }

    static void respond(Exchange exchange, JsonCodec json, ObjectNode body) {
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(body), Map.of());
    }
}
