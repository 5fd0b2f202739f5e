package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        simulator.generationStarted(model);
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable ended = () -> {
            if (counted.getAndSet(false)) {
                simulator.generationEnded(model);
            }
        };
        try {
            generate(exchange, request, model, name, chat, generation, ended);
        } finally {
            ended.run();
        }
    }

    /**
     * Generates the answer; {@code ended} is run before its last bytes are sent, so a client that
     * has read the whole answer never finds the generation still counted.
     */
    private void generate(SimExchange exchange, ObjectNode request, SimulatedModel model, String name, boolean chat,
            Generation generation, Runnable ended) throws IOException, InterruptedException {
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
        boolean logprobs = request.path("logprobs").asBoolean(false);
        int topLogprobs = request.path("top_logprobs").asInt(0);
        if (!request.path("stream").asBoolean(true)) {
            sleep(delay.multipliedBy(generation.pieces().size() + generation.thinkingPieces().size()));
            ObjectNode whole = piece(exchange, name, chat, generation.text());
            if (!generation.thinkingPieces().isEmpty()) {
                thinking(whole, chat, generation.thinkingText());
            }
            if (generation.toolCalls() != null) {
                ((ObjectNode) whole.get("message")).set("tool_calls", generation.toolCalls());
            }
            if (logprobs) {
                ArrayNode all = whole.putArray("logprobs");
                generation.pieces().forEach(token -> all.add(logprob(exchange, token, topLogprobs)));
            }
            ObjectNode answer = finish(whole, generation, start, chat);
            ended.run();
            exchange.sendJson(200, answer);
            return;
        }
        SimExchange.LineStream stream = exchange.openStream();
        try {
            for (String thought : generation.thinkingPieces()) {
                sleep(delay);
                stream.writeLine(thinking(piece(exchange, name, chat, ""), chat, thought).put("done", false));
            }
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
                ObjectNode line = piece(exchange, name, chat, token).put("done", false);
                if (logprobs) {
                    line.putArray("logprobs").add(logprob(exchange, token, topLogprobs));
                }
                stream.writeLine(line);
                index++;
            }
            if (generation.toolCalls() != null) {
                sleep(delay);
                ObjectNode line = piece(exchange, name, chat, "").put("done", false);
                ((ObjectNode) line.get("message")).set("tool_calls", generation.toolCalls());
                stream.writeLine(line);
            }
            ObjectNode last = finish(piece(exchange, name, chat, ""), generation, start, chat);
            ended.run();
            stream.writeLine(last);
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

    private static ObjectNode thinking(ObjectNode line, boolean chat, String thought) {
        if (chat) {
            ((ObjectNode) line.get("message")).put("thinking", thought);
        } else {
            line.put("thinking", thought);
        }
        return line;
    }

    private static ObjectNode logprob(SimExchange exchange, String token, int top) {
        ObjectNode entry = exchange.newObject().put("token", token).put("logprob", -0.25);
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : token.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        if (top > 0) {
            ArrayNode alternatives = entry.putArray("top_logprobs");
            alternatives.addObject().put("token", token).put("logprob", -0.25);
            for (int i = 1; i < top; i++) {
                alternatives.addObject().put("token", "alt" + i).put("logprob", -2.0 - i);
            }
        }
        return entry;
    }

    private ObjectNode finish(ObjectNode line, Generation generation, long start, boolean chat) {
        long total = System.nanoTime() - start + LOAD_NANOS;
        int evalCount = generation.pieces().size() + generation.thinkingPieces().size()
                + (generation.toolCalls() == null ? 0 : 1);
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
