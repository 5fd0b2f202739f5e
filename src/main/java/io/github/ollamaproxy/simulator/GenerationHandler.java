package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code POST /api/chat} and {@code POST /api/generate}: streamed or whole answers, with faults. */
final class GenerationHandler {

    private static final long LOAD_NANOS = 1_000_000L;

    private final OllamaSimulator simulator;

    GenerationHandler(OllamaSimulator simulator) {
        this.simulator = simulator;
    }

    void chat(SimExchange exchange) throws IOException, InterruptedException {
        ObjectNode request = exchange.body();
        String name = request.path("model").asText("");
        if (name.isBlank()) {
            throw new SimulatorError(400, "model is required");
        }
        SimulatedModel model = simulator.requireInstalled(name, "chat");
        if (request.path("messages").isArray() && request.path("messages").isEmpty()) {
            exchange.sendJson(200, loadAnswer(exchange, name, true));
            return;
        }
        answer(exchange, request, model, name, true, Generation.forChat(request, model));
    }

    void generate(SimExchange exchange) throws IOException, InterruptedException {
        ObjectNode request = exchange.body();
        String name = request.path("model").asText("");
        SimulatedModel model = simulator.requireInstalled(name, "generate");
        if (request.path("prompt").asText("").isEmpty() && !request.has("suffix")) {
            exchange.sendJson(200, loadAnswer(exchange, name, false));
            return;
        }
        answer(exchange, request, model, name, false, Generation.forGenerate(request, model));
    }

    private void answer(SimExchange exchange, ObjectNode request, SimulatedModel model, String name, boolean chat,
            Generation generation) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Fault fault = model.fault();
        if (fault.kind() == Fault.Kind.HANG) {
            simulator.awaitStop();
            return;
        }
        if (fault.kind() == Fault.Kind.SLOW_FIRST_BYTE) {
            sleep(fault.delay());
        }
        Duration delay = simulator.tokenDelay(model);
        simulator.markUsed(model);
        if (!request.path("stream").asBoolean(true)) {
            sleep(delay.multipliedBy(generation.pieces().size()));
            ObjectNode whole = piece(exchange, name, chat, generation.text());
            exchange.sendJson(200, finish(whole, generation, start, chat));
            return;
        }
        SimExchange.LineStream stream = exchange.openStream();
        try {
            int index = 0;
            for (String token : generation.pieces()) {
                if (fault.kind() == Fault.Kind.ERROR_LINE && index == fault.afterTokens()) {
                    stream.writeLine(exchange.newObject().put("error", "simulated failure after " + index + " tokens"));
                    stream.finish();
                    return;
                }
                if (fault.kind() == Fault.Kind.DISCONNECT && index == fault.afterTokens()) {
                    stream.abort();
                }
                if (fault.kind() == Fault.Kind.STALL && index == fault.afterTokens()) {
                    simulator.awaitStop();
                    return;
                }
                sleep(delay);
                stream.writeLine(piece(exchange, name, chat, token).put("done", false));
                index++;
            }
            stream.writeLine(finish(piece(exchange, name, chat, ""), generation, start, chat));
            stream.finish();
        } catch (IOException clientGone) {
            simulator.recordEarlyClose(new EarlyClose(exchange.request().path(), name, stream.linesSent(),
                    Instant.now()));
        }
    }

    private ObjectNode piece(SimExchange exchange, String name, boolean chat, String text) {
        ObjectNode line = exchange.newObject().put("model", name).put("created_at", Instant.now().toString());
        if (chat) {
            line.putObject("message").put("role", "assistant").put("content", text);
        } else {
            line.put("response", text);
        }
        return line;
    }

    private ObjectNode finish(ObjectNode line, Generation generation, long start, boolean chat) {
        long total = System.nanoTime() - start + LOAD_NANOS;
        int evalCount = generation.pieces().size();
        line.put("done", true)
                .put("done_reason", generation.doneReason())
                .put("total_duration", total)
                .put("load_duration", LOAD_NANOS)
                .put("prompt_eval_count", generation.promptTokens())
                .put("prompt_eval_duration", 1_000L * generation.promptTokens())
                .put("eval_count", evalCount)
                .put("eval_duration", Math.max(1L, total - LOAD_NANOS));
        if (!chat) {
            ArrayNode context = line.putArray("context");
            for (int i = 1; i <= Math.min(8, generation.promptTokens() + evalCount); i++) {
                context.add(i);
            }
        }
        return line;
    }

    private ObjectNode loadAnswer(SimExchange exchange, String name, boolean chat) {
        return piece(exchange, name, chat, "").put("done", true).put("done_reason", "load");
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
    }
}
