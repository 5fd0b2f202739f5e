package io.github.ollamaproxy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the JSON bodies the proxy handles, as trees that keep what the client sent:
 * key order, unknown fields and the exact decimal value of numbers. Trailing garbage after the
 * JSON value is rejected. Jackson's own limit on the length of a string (20 MB) is lifted: a string
 * (an image in base64) may be as long as the request body limit allows, which bounds it anyway.
 */
@Component
public class JsonCodec {

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

    public JsonCodec(ObjectMapper mapper) {
        ObjectMapper unlimited = mapper.copy();
        unlimited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build());
        this.reader = unlimited.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .with(nodes);
        this.writer = mapper.writer();
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws InvalidRequestException when it is empty, malformed or not an object
     */
    public ObjectNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("missing request body");
        }
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidRequestException("missing request body");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRequestException("request body must be a JSON object, not " + kind(node));
        }
        return object;
    }

    /** Parses JSON that an upstream produced; {@code null} when it is not a JSON object. */
    public ObjectNode readUpstreamObject(byte[] body) {
        try {
            JsonNode node = reader.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The JSON objects of an NDJSON answer, one per line; blank lines and lines that are not objects are skipped. */
    public List<ObjectNode> readUpstreamLines(byte[] body) {
        List<ObjectNode> objects = new ArrayList<>();
        if (body == null) {
            return objects;
        }
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            ObjectNode object = line.isBlank() ? null : readUpstreamObject(line.getBytes(StandardCharsets.UTF_8));
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    public byte[] write(JsonNode node) {
        try {
            return writer.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    public ObjectNode newObject() {
        return nodes.objectNode();
    }

    /** The 400 for a request body Jackson could not read. */
    public static InvalidRequestException invalidJson(JsonProcessingException e) {
        return new InvalidRequestException("invalid JSON in request body: " + describe(e));
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return message;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
