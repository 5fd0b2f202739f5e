package io.github.ollamaproxy.web;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Checks of request fields that every API shares. */
public final class RequestFields {

    /** The longest model name accepted. */
    public static final int MAX_MODEL_NAME = 256;

    /**
     * What an Ollama model name ({@code [host[:port]/][namespace/]model[:tag][@digest]}) is made of:
     * letters, digits and {@code . _ - + : / @}, parts separated by single slashes.
     */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_.+-][A-Za-z0-9_.+:@-]*(/[A-Za-z0-9_.+:@-]+)*");

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
        return requireValidModelName(model.textValue());
    }

    /**
     * A model name as it may go upstream: at most {@value #MAX_MODEL_NAME} characters of
     * {@code A-Z a-z 0-9 . _ - + : / @}, no empty or {@code .}/{@code ..} path part, no scheme
     * ({@code https://…}), no white space or control character.
     *
     * @throws InvalidRequestException otherwise
     */
    public static String requireValidModelName(String name) {
        if (name.length() > MAX_MODEL_NAME) {
            throw new InvalidRequestException("model name is longer than " + MAX_MODEL_NAME + " characters", "model");
        }
        if (!MODEL_NAME.matcher(name).matches() || name.contains("://")) {
            throw new InvalidRequestException("invalid model name '" + printable(name) + "': use letters, digits and "
                    + ". _ - + : / @", "model");
        }
        for (String part : name.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new InvalidRequestException("invalid model name '" + printable(name) + "'", "model");
            }
        }
        return name;
    }

    /** A client's text fit for an error message: control characters shown as {@code ?}, at most 100 characters. */
    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
