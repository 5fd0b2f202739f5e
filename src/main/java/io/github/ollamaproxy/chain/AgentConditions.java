package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.models.ModelNames;

/**
 * When an agent that was chosen for a request really runs: only for some models, only for some
 * endpoints. Models are names ({@code llama3.2} meaning {@code llama3.2:latest}) or patterns with
 * {@code *} ({@code qwen*}); {@code *} alone is every model.
 *
 * @param models    the model names and patterns, as configured
 * @param endpoints the endpoints
 */
public record AgentConditions(List<String> models, Set<Endpoint> endpoints) {

    /** Every model, every endpoint. */
    public static final AgentConditions ALWAYS = new AgentConditions(List.of("*"), EnumSet.allOf(Endpoint.class));

    public AgentConditions {
        models = List.copyOf(models);
        endpoints = endpoints.isEmpty() ? Set.of() : Set.copyOf(endpoints);
    }

    /**
     * Reads the {@code models} and {@code endpoints} parameters of an agent route.
     *
     * @throws IllegalArgumentException for an unknown endpoint name
     */
    public static AgentConditions parse(String models, String endpoints) {
        List<String> modelList = split(models == null || models.isBlank() ? "*" : models);
        Set<Endpoint> endpointSet = EnumSet.noneOf(Endpoint.class);
        for (String name : split(endpoints == null || endpoints.isBlank() ? "*" : endpoints)) {
            if (name.equals("*")) {
                endpointSet.addAll(EnumSet.allOf(Endpoint.class));
            } else {
                endpointSet.add(Endpoint.valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return new AgentConditions(modelList, endpointSet);
    }

    /** Whether the agent runs for this request. */
    public boolean appliesTo(LlmRequest request) {
        if (!endpoints.contains(request.endpoint())) {
            return false;
        }
        String model = ModelNames.canonical(request.model());
        for (String pattern : models) {
            if (pattern.equals("*") || matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String model) {
        if (!pattern.contains("*")) {
            return ModelNames.canonical(pattern).equals(model);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        regex.setLength(regex.length() - 2);
        return Pattern.matches(regex.toString(), model);
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
