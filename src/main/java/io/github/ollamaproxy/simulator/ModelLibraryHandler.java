package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Model management: tags, show, ps, pull, push, create, copy and delete. */
final class ModelLibraryHandler {

    private static final Duration PROGRESS_STEP = Duration.ofMillis(20);

    private final OllamaSimulator simulator;

    ModelLibraryHandler(OllamaSimulator simulator) {
        this.simulator = simulator;
    }

    void tags(SimExchange exchange) throws IOException {
        ObjectNode body = exchange.newObject();
        ArrayNode models = body.putArray("models");
        for (SimulatedModel model : simulator.installedModels()) {
            ObjectNode entry = models.addObject()
                    .put("name", model.name())
                    .put("model", model.name())
                    .put("modified_at", simulator.startedAt().toString())
                    .put("size", model.size())
                    .put("digest", model.digest().substring("sha256:".length()));
            details(entry.putObject("details"), model);
        }
        exchange.sendJson(200, body);
    }

    void show(SimExchange exchange) throws IOException {
        ObjectNode request = exchange.body();
        String name = request.path("model").asText(request.path("name").asText(""));
        if (name.isBlank()) {
            throw new SimulatorError(400, "model is required");
        }
        SimulatedModel model = simulator.requireInstalled(name, null);
        ObjectNode body = exchange.newObject()
                .put("license", "simulated")
                .put("modelfile", "# Modelfile of the simulated model " + model.name())
                .put("parameters", "stop \"<|end|>\"")
                .put("template", "{{ .Prompt }}");
        details(body.putObject("details"), model);
        body.putObject("model_info")
                .put("general.architecture", model.family())
                .put("general.parameter_count", model.size() * 1000)
                .put(model.family() + ".context_length", model.contextLength())
                .put(model.family() + ".embedding_length", model.embeddingLength());
        ArrayNode capabilities = body.putArray("capabilities");
        model.capabilities().stream().sorted().forEach(capabilities::add);
        body.put("modified_at", simulator.startedAt().toString());
        exchange.sendJson(200, body);
    }

    void ps(SimExchange exchange) throws IOException {
        ObjectNode body = exchange.newObject();
        ArrayNode models = body.putArray("models");
        for (SimulatedModel model : simulator.loadedModels()) {
            ObjectNode entry = models.addObject()
                    .put("name", model.name())
                    .put("model", model.name())
                    .put("size", model.size())
                    .put("digest", model.digest().substring("sha256:".length()));
            details(entry.putObject("details"), model);
            entry.put("expires_at", Instant.now().plus(Duration.ofMinutes(5)).toString())
                    .put("size_vram", model.size())
                    .put("context_length", model.contextLength());
        }
        exchange.sendJson(200, body);
    }

    void pull(SimExchange exchange) throws IOException, InterruptedException {
        ObjectNode request = exchange.body();
        String name = nameOf(request);
        SimulatedModel model = simulator.published(name);
        simulator.recordPull(name);
        boolean stream = request.path("stream").asBoolean(true);
        if (!stream) {
            if (model == null) {
                throw new SimulatorError(500, "pull model manifest: file does not exist");
            }
            sleep(PROGRESS_STEP.multipliedBy(3));
            simulator.install(model);
            exchange.sendJson(200, exchange.newObject().put("status", "success"));
            return;
        }
        SimExchange.LineStream lines = exchange.openStream();
        lines.writeLine(exchange.newObject().put("status", "pulling manifest"));
        if (model == null) {
            lines.writeLine(exchange.newObject().put("error", "pull model manifest: file does not exist"));
            lines.finish();
            return;
        }
        long total = model.size();
        for (int step = 1; step <= 3; step++) {
            sleep(PROGRESS_STEP);
            lines.writeLine(exchange.newObject()
                    .put("status", "pulling " + model.digest().substring(7, 19))
                    .put("digest", model.digest())
                    .put("total", total)
                    .put("completed", total * step / 3));
        }
        lines.writeLine(exchange.newObject().put("status", "verifying sha256 digest"));
        lines.writeLine(exchange.newObject().put("status", "writing manifest"));
        simulator.install(model);
        lines.writeLine(exchange.newObject().put("status", "success"));
        lines.finish();
    }

    void push(SimExchange exchange) throws IOException, InterruptedException {
        ObjectNode request = exchange.body();
        SimulatedModel model = simulator.requireInstalled(nameOf(request), null);
        progress(exchange, request, "pushing " + model.digest().substring(7, 19), "pushing manifest");
    }

    void create(SimExchange exchange) throws IOException, InterruptedException {
        ObjectNode request = exchange.body();
        String name = nameOf(request);
        String from = request.path("from").asText("");
        SimulatedModel base = from.isEmpty() ? SimulatedModel.named(name) : simulator.requireInstalled(from, null);
        progress(exchange, request, "reading model metadata", "writing manifest");
        simulator.install(base.renamed(name));
    }

    void copy(SimExchange exchange) throws IOException {
        ObjectNode request = exchange.body();
        SimulatedModel source = simulator.requireInstalled(request.path("source").asText(""), null);
        String destination = request.path("destination").asText("");
        if (destination.isBlank()) {
            throw new SimulatorError(400, "destination \"\" is invalid");
        }
        simulator.install(source.renamed(destination));
        exchange.sendEmpty(200);
    }

    void delete(SimExchange exchange) throws IOException {
        ObjectNode request = exchange.body();
        String name = nameOf(request);
        simulator.requireInstalled(name, null);
        simulator.uninstall(name);
        exchange.sendEmpty(200);
    }

    private void progress(SimExchange exchange, ObjectNode request, String first, String last)
            throws IOException, InterruptedException {
        if (!request.path("stream").asBoolean(true)) {
            exchange.sendJson(200, exchange.newObject().put("status", "success"));
            return;
        }
        SimExchange.LineStream lines = exchange.openStream();
        lines.writeLine(exchange.newObject().put("status", first));
        sleep(PROGRESS_STEP);
        lines.writeLine(exchange.newObject().put("status", last));
        lines.writeLine(exchange.newObject().put("status", "success"));
        lines.finish();
    }

    private static String nameOf(ObjectNode request) {
        String name = request.path("model").asText(request.path("name").asText(""));
        if (name.isBlank()) {
            throw new SimulatorError(400, "model is required");
        }
        return name;
    }

    private static void details(ObjectNode details, SimulatedModel model) {
        details.put("parent_model", "")
                .put("format", "gguf")
                .put("family", model.family())
                .put("parameter_size", "1B")
                .put("quantization_level", "Q4_K_M");
        details.putArray("families").add(model.family());
    }

    private static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
