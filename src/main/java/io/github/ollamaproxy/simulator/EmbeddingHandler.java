package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/embed} (L2-normalised vectors, optional {@code dimensions}) and the legacy
 * {@code POST /api/embeddings}. Vectors are a deterministic function of the text.
 */
final class EmbeddingHandler {

    private final OllamaSimulator simulator;

    EmbeddingHandler(OllamaSimulator simulator) {
        this.simulator = simulator;
    }

    void embed(SimExchange exchange) throws IOException {
        ObjectNode request = exchange.body();
        String name = request.path("model").asText("");
        SimulatedModel model = simulator.requireInstalled(name, null);
        List<String> inputs = inputs(request.path("input"));
        int dimensions = request.path("dimensions").asInt(model.embeddingLength());
        ObjectNode body = exchange.newObject().put("model", name);
        ArrayNode embeddings = body.putArray("embeddings");
        int tokens = 0;
        for (String input : inputs) {
            ArrayNode vector = embeddings.addArray();
            for (double value : normalised(vector(input, Math.min(dimensions, model.embeddingLength())))) {
                vector.add(value);
            }
            tokens += Generation.estimateTokens(input);
        }
        if (!inputs.isEmpty()) {
            body.put("total_duration", 1_000_000L).put("load_duration", 100_000L).put("prompt_eval_count", tokens);
        }
        simulator.markUsed(model);
        exchange.sendJson(200, body);
    }

    void embeddings(SimExchange exchange) throws IOException {
        ObjectNode request = exchange.body();
        SimulatedModel model = simulator.requireInstalled(request.path("model").asText(""), null);
        String prompt = request.path("prompt").asText("");
        ObjectNode body = exchange.newObject();
        ArrayNode vector = body.putArray("embedding");
        if (!prompt.isEmpty()) {
            for (double value : vector(prompt, model.embeddingLength())) {
                vector.add(value * 3);
            }
        }
        exchange.sendJson(200, body);
    }

    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            if (!input.asText().isEmpty()) {
                inputs.add(input.asText());
            }
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new SimulatorError(400, "invalid input type");
                }
                inputs.add(item.asText());
            }
        } else if (!input.isMissingNode() && !input.isNull()) {
            throw new SimulatorError(400, "invalid input type");
        }
        return inputs;
    }

    static double[] vector(String text, int dimensions) {
        long seed = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            seed = 31 * seed + b;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] vector = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = random.nextDouble(-1, 1);
        }
        return vector;
    }

    private static double[] normalised(double[] vector) {
        double norm = 0;
        for (double v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] unit = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : vector[i] / norm;
        }
        return unit;
    }
}
