package io.github.ollamaproxy.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.messaging.MessageFormat;
import io.github.ollamaproxy.messaging.MessageHeaders;
import io.github.ollamaproxy.messaging.RequestLine;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.StatefulService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs batches, as the steps of the {@code llm-batches} route: picks the oldest unfinished batch,
 * streams the lines of its input file that have no result yet (so a batch stopped midway resumes
 * without answering a line twice), checks each line, appends each result to the batch's output or
 * error file as it finishes, and completes the batch when every line has one.
 */
@Component("batchRuns")
public class BatchRuns {

    /** How long a batch waits for its last requests when its lines ended. */
    private static final Duration LINE_WAIT = Duration.ofMinutes(15);

    /** Where each result of a batch line goes, success or error. */
    static final String RESULT = "direct:llm-batch-result";

    private static final Logger LOG = LoggerFactory.getLogger(BatchRuns.class);

    private final BatchStore batches;
    private final FileStore files;
    private final JsonCodec json;
    private final Path work;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public BatchRuns(BatchStore batches, FileStore files, JsonCodec json, DataFolder data) {
        this.batches = batches;
        this.files = files;
        this.json = json;
        this.work = data.resolve("batch/work");
    }

    /**
     * Picks the oldest unfinished batch that is not already running; a new one is validated and
     * counted first. It counts as running until the exchange that runs it completes.
     */
    public void next(Exchange exchange) throws IOException {
        ObjectNode batch = batches.nextUnfinished(running).orElse(null);
        if (batch == null) {
            return;
        }
        String id = batch.path("id").asText();
        if (!running.add(id)) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.remove(id);
            }
        });
        String input = batch.path("input_file_id").asText();
        if (files.find(input).isEmpty()) {
            fail(id, "missing_file", "the input file " + input + " was deleted");
            return;
        }
        if ("validating".equals(batch.path("status").asText())) {
            long total = countLines(files.content(input));
            batches.update(id, started -> {
                started.put("status", "in_progress").put("in_progress_at", Instant.now().getEpochSecond());
                ((ObjectNode) started.get("request_counts")).put("total", total);
            });
        }
        exchange.setVariable(ExchangeVariables.BATCH, id);
        exchange.setVariable(ExchangeVariables.MESSAGE_FORMAT,
                MessageFormat.forPath(batch.path("endpoint").asText()).orElseThrow().id());
    }

    /**
     * The lines of the batch's input still without a result, read as they are needed; the
     * iteration ends early when the batch is cancelled or the route stops.
     */
    public Iterator<RequestLine> lines(Exchange exchange) throws IOException {
        String id = exchange.getVariable(ExchangeVariables.BATCH, String.class);
        Set<Long> done = done(id);
        BufferedReader reader = Files.newBufferedReader(files.content(batches.require(id).path("input_file_id").asText()),
                StandardCharsets.UTF_8);
        CamelContext camel = exchange.getContext();
        Consumer consumer = camel.getRoute(exchange.getFromRouteId()).getConsumer();
        return new Iterator<>() {
            private long number;
            private RequestLine next = advance();

            @Override
            public boolean hasNext() {
                if (next != null && (stopping(camel, consumer) || "cancelling".equals(batches.require(id).path("status").asText()))) {
                    next = null;
                    close();
                }
                return next != null;
            }

            @Override
            public RequestLine next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RequestLine current = next;
                next = advance();
                return current;
            }

            private RequestLine advance() {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        number++;
                        if (!line.isBlank() && !done.contains(number)) {
                            return new RequestLine(number, line.strip(), null);
                        }
                    }
                    close();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void close() {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    LOG.debug("Closing the input of batch {}: {}", id, ignored.getMessage());
                }
            }
        };
    }

    /** Whether the proxy or the route is stopping: a graceful stop suspends the route's consumer first. */
    private static boolean stopping(CamelContext camel, Consumer consumer) {
        return camel.isStopping() || ServiceHelper.isSuspended(consumer) || ServiceHelper.isStopped(consumer)
                || consumer instanceof StatefulService service && (service.isSuspending() || service.isStopping());
    }

    /**
     * Whether a line about to start still should: not once its batch is being cancelled or the
     * route stops (a line read ahead waits in the pool; it stays without a result and runs when the
     * batch resumes).
     */
    public boolean shouldRun(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        String id = exchange.getVariable(ExchangeVariables.BATCH, String.class);
        return !stopping(camel, camel.getRoute(exchange.getFromRouteId()).getConsumer())
                && !"cancelling".equals(batches.require(id).path("status").asText());
    }

    /**
     * One line: OpenAI's {@code {"custom_id", "method": "POST", "url", "body"}} with the batch's
     * endpoint as {@code url}; its {@code body} becomes the request.
     *
     * @throws InvalidRequestException for a line that is not one, which becomes an error result
     */
    public void line(Exchange exchange) {
        Message message = exchange.getMessage();
        RequestLine raw = message.getBody(RequestLine.class);
        AtomicInteger lines = inFlight.computeIfAbsent(exchange.getVariable(ExchangeVariables.BATCH, String.class),
                key -> new AtomicInteger());
        lines.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                lines.decrementAndGet();
            }
        });
        ObjectNode line = json.readUpstreamObject(raw.text().getBytes(StandardCharsets.UTF_8));
        String customId = line == null || !line.path("custom_id").isTextual() ? null : line.get("custom_id").asText();
        exchange.setVariable(ExchangeVariables.REQUEST_LINE, new RequestLine(raw.number(), raw.text(), customId));
        exchange.setVariable(ExchangeVariables.ANSWER_TO, RESULT);
        if (line == null) {
            throw new InvalidRequestException("line " + raw.number() + " is not a JSON object");
        }
        if (customId == null || customId.isBlank()) {
            throw new InvalidRequestException("line " + raw.number() + " has no 'custom_id'", "custom_id");
        }
        String endpoint = batches.require(exchange.getVariable(ExchangeVariables.BATCH, String.class)).path("endpoint").asText();
        if (!"POST".equalsIgnoreCase(line.path("method").asText("POST"))) {
            throw new InvalidRequestException("line " + raw.number() + ": 'method' must be POST", "method");
        }
        if (!endpoint.equals(line.path("url").asText())) {
            throw new InvalidRequestException("line " + raw.number() + ": 'url' must be the batch's endpoint " + endpoint,
                    "url");
        }
        if (!line.path("body").isObject()) {
            throw new InvalidRequestException("line " + raw.number() + ": 'body' must be an object", "body");
        }
        message.setBody(json.write(line.get("body")));
    }

    /** A line's result, appended to the batch's output file (2xx) or error file, and counted. */
    public void result(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String id = exchange.getVariable(ExchangeVariables.BATCH, String.class);
        RequestLine line = exchange.getVariable(ExchangeVariables.REQUEST_LINE, RequestLine.class);
        Integer errorStatus = message.getHeader(MessageHeaders.ERROR_STATUS, Integer.class);
        int status = errorStatus == null ? 200 : errorStatus;
        JsonNode body = json.readUpstreamObject(message.getBody(byte[].class));
        ObjectNode result = json.newObject().put("id", resultId(id, line.number()));
        if (line.customId() == null) {
            result.putNull("custom_id");
        } else {
            result.put("custom_id", line.customId());
        }
        result.putObject("response").put("status_code", status).put("request_id", "req_" + id.substring(6) + "_" + line.number())
                .set("body", body);
        result.putNull("error");
        boolean failed = errorStatus != null;
        synchronized (locks.computeIfAbsent(id, key -> new Object())) {
            try (Writer out = Files.newBufferedWriter(failed ? errors(id) : output(id), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(new String(json.write(result), StandardCharsets.UTF_8));
                out.write('\n');
            }
            batches.update(id, batch -> {
                ObjectNode counts = (ObjectNode) batch.get("request_counts");
                String counter = failed ? "failed" : "completed";
                counts.put(counter, counts.path(counter).asLong() + 1);
            });
        }
    }

    /**
     * After the lines: a cancelled batch ends {@code cancelled}, one whose every line has a result
     * {@code completed}, each with its output and error files; one stopped midway stays
     * {@code in_progress} and resumes later.
     */
    public void finish(Exchange exchange) throws IOException, InterruptedException {
        String id = exchange.getVariable(ExchangeVariables.BATCH, String.class);
        awaitLinesInFlight(id);
        ObjectNode batch = batches.require(id);
        ObjectNode counts = (ObjectNode) batch.get("request_counts");
        boolean cancelled = "cancelling".equals(batch.path("status").asText());
        boolean complete = counts.path("completed").asLong() + counts.path("failed").asLong() >= counts.path("total").asLong();
        if (!cancelled && !complete) {
            LOG.info("Batch {} stopped with {} of {} requests done; it resumes with the rest", id,
                    counts.path("completed").asLong() + counts.path("failed").asLong(), counts.path("total").asLong());
            return;
        }
        if (!cancelled) {
            batches.update(id, finalizing -> finalizing.put("status", "finalizing")
                    .put("finalizing_at", Instant.now().getEpochSecond()));
        }
        String outputId = adopt(output(id), id + "_output.jsonl");
        String errorId = adopt(errors(id), id + "_errors.jsonl");
        batches.update(id, done -> {
            long now = Instant.now().getEpochSecond();
            if (outputId != null) {
                done.put("output_file_id", outputId);
            }
            if (errorId != null) {
                done.put("error_file_id", errorId);
            }
            done.put("status", cancelled ? "cancelled" : "completed").put(cancelled ? "cancelled_at" : "completed_at", now);
        });
        locks.remove(id);
        inFlight.remove(id);
    }

    /** Lines still running when the split ends (Camel's splitter may end first) finish before the batch does. */
    private void awaitLinesInFlight(String id) throws InterruptedException {
        AtomicInteger lines = inFlight.get(id);
        long deadline = System.nanoTime() + LINE_WAIT.toNanos();
        while (lines != null && lines.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (lines != null && lines.get() > 0) {
            LOG.warn("Batch {}: {} requests still running after {}; finishing without them", id, lines.get(), LINE_WAIT);
        }
    }

    private String adopt(Path written, String name) throws IOException {
        if (!Files.exists(written) || Files.size(written) == 0) {
            Files.deleteIfExists(written);
            return null;
        }
        return files.adopt(written, name, "batch_output").id();
    }

    private void fail(String id, String code, String message) {
        batches.update(id, batch -> {
            ObjectNode errors = batch.putObject("errors").put("object", "list");
            errors.putArray("data").addObject().put("code", code).put("message", message).putNull("param").putNull("line");
            batch.put("status", "failed").put("failed_at", Instant.now().getEpochSecond());
        });
    }

    /** The line numbers that already have a result; a line cut short by a crash is dropped first. */
    private Set<Long> done(String id) throws IOException {
        Set<Long> done = new HashSet<>();
        for (Path file : List.of(output(id), errors(id))) {
            if (!Files.exists(file)) {
                continue;
            }
            dropTornLine(file);
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber(line).ifPresent(done::add);
                }
            }
        }
        return done;
    }

    private static void dropTornLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            while (end > 0) {
                last.clear();
                channel.read(last, end - 1);
                if (last.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end != channel.size()) {
                channel.truncate(end);
            }
        }
    }

    /** The line number in a result's id, which {@link #result} writes first: {@code {"id":"batch_req_<batch>_<line>",…}. */
    private static Optional<Long> lineNumber(String result) {
        int start = result.indexOf("\"batch_req_");
        int end = start < 0 ? -1 : result.indexOf('"', start + 1);
        if (end < 0) {
            return Optional.empty();
        }
        String id = result.substring(start + 1, end);
        return Optional.of(Long.parseLong(id.substring(id.lastIndexOf('_') + 1)));
    }

    private static String resultId(String batchId, long line) {
        return "batch_req_" + batchId.substring("batch_".length()) + "_" + line;
    }

    private static long countLines(Path input) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            return reader.lines().filter(line -> !line.isBlank()).count();
        }
    }

    private Path output(String id) {
        return work.resolve(id + ".output.jsonl");
    }

    private Path errors(String id) {
        return work.resolve(id + ".errors.jsonl");
    }
}
