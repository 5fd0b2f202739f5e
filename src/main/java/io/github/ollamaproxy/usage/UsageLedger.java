package io.github.ollamaproxy.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.data.DataFolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts each key's requests, tokens and errors per model and UTC day, exports them as Prometheus
 * counters ({@code ollama_proxy_usage_requests_total}, {@code ollama_proxy_usage_tokens_total},
 * {@code ollama_proxy_usage_errors_total}, labelled by key id and model) and keeps them in
 * {@code usage.json} in the data folder, so a restart keeps the day's totals. Also answers how many
 * tokens a key used this minute and today, for its limits. A key's models beyond
 * {@value #MAX_MODELS_PER_KEY_AND_DAY} a day are counted as {@value #OTHER_MODELS}, which keeps
 * the label count bounded whatever names clients send.
 */
@Component
public class UsageLedger {

    static final int MAX_MODELS_PER_KEY_AND_DAY = 50;
    static final String OTHER_MODELS = "(other)";

    private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
    private static final String FILE_NAME = "usage.json";
    private static final int DAYS_KEPT = 62;

    /** Counters of one row. */
    private static final class Tally {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong promptTokens = new AtomicLong();
        final AtomicLong completionTokens = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
    }

    /** Where a row's counters live. */
    private record RowKey(String day, String key, String model) {
    }

    /** Tokens of one key in the current clock minute. */
    private record MinuteTokens(long minute, AtomicLong tokens) {
    }

    private final Path file;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<RowKey, Tally> rows = new ConcurrentHashMap<>();
    private final Map<String, MinuteTokens> minutes = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();

    @Autowired
    public UsageLedger(DataFolder data, MeterRegistry meters) {
        this(data.root().resolve(FILE_NAME), Clock.systemUTC(), meters);
    }

    UsageLedger(Path file, Clock clock, MeterRegistry meters) {
        this.file = file;
        this.clock = clock;
        this.meters = meters;
        load();
    }

    /** An answer began: one request for {@code key} and {@code model}. */
    public void requested(String key, String model) {
        String counted = bounded(key, model);
        tally(key, counted).requests.incrementAndGet();
        Counter.builder("ollama.proxy.usage.requests").tags("key", key, "model", counted).register(meters).increment();
        changed.set(true);
    }

    /** Ollama answered with an error status. */
    public void failed(String key, String model) {
        String counted = bounded(key, model);
        tally(key, counted).errors.incrementAndGet();
        Counter.builder("ollama.proxy.usage.errors").tags("key", key, "model", counted).register(meters).increment();
        changed.set(true);
    }

    /** Ollama reported the tokens of a finished answer. */
    public void tokens(String key, String model, long promptTokens, long completionTokens) {
        String counted = bounded(key, model);
        Tally tally = tally(key, counted);
        tally.promptTokens.addAndGet(promptTokens);
        tally.completionTokens.addAndGet(completionTokens);
        tokenCounter(key, counted, "prompt").increment(promptTokens);
        tokenCounter(key, counted, "completion").increment(completionTokens);
        long minute = clock.millis() / 60_000;
        minutes.compute(key, (k, current) -> current == null || current.minute() != minute
                ? new MinuteTokens(minute, new AtomicLong()) : current).tokens().addAndGet(promptTokens + completionTokens);
        changed.set(true);
    }

    /** Tokens {@code key} used in the current clock minute. */
    public long tokensThisMinute(String key) {
        MinuteTokens current = minutes.get(key);
        return current == null || current.minute() != clock.millis() / 60_000 ? 0 : current.tokens().get();
    }

    /** Tokens {@code key} used today (UTC). */
    public long tokensToday(String key) {
        String today = today();
        return rows.entrySet().stream().filter(e -> e.getKey().day().equals(today) && e.getKey().key().equals(key))
                .mapToLong(e -> e.getValue().promptTokens.get() + e.getValue().completionTokens.get()).sum();
    }

    /** The rows matching every filter given (a null filter matches all), newest day first. */
    public List<UsageRow> rows(String key, String model, String day) {
        return rows.entrySet().stream()
                .filter(e -> key == null || e.getKey().key().equals(key))
                .filter(e -> model == null || e.getKey().model().equals(model))
                .filter(e -> day == null || e.getKey().day().equals(day))
                .map(e -> row(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(UsageRow::day).reversed().thenComparing(UsageRow::key)
                        .thenComparing(UsageRow::model))
                .toList();
    }

    /** Writes the counters to the data folder when they changed since the last write. */
    @PreDestroy
    public void save() {
        if (!changed.getAndSet(false)) {
            return;
        }
        String oldest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(DAYS_KEPT).toString();
        rows.keySet().removeIf(row -> row.day().compareTo(oldest) < 0);
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".usage", ".tmp");
            json.writeValue(temporary.toFile(), rows(null, null, null));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            changed.set(true);
            LOG.warn("Usage counters not saved to {}: {}", file, e.getMessage());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (UsageRow row : json.readValue(file.toFile(), new TypeReference<List<UsageRow>>() { })) {
                Tally tally = rows.computeIfAbsent(new RowKey(row.day(), row.key(), row.model()), k -> new Tally());
                tally.requests.set(row.requests());
                tally.promptTokens.set(row.promptTokens());
                tally.completionTokens.set(row.completionTokens());
                tally.errors.set(row.errors());
            }
            LOG.info("Usage counters: {} rows from {}", rows.size(), file);
        } catch (IOException e) {
            LOG.warn("Usage counters in {} do not read ({}); counting starts again", file, e.getMessage());
        }
    }

    private Tally tally(String key, String countedModel) {
        return rows.computeIfAbsent(new RowKey(today(), key, countedModel), row -> new Tally());
    }

    /** The model name the row and the metrics use: the name, or {@value #OTHER_MODELS} beyond the day's bound. */
    private String bounded(String key, String model) {
        String name = model == null || model.isBlank() ? OTHER_MODELS : model;
        String today = today();
        if (rows.containsKey(new RowKey(today, key, name))) {
            return name;
        }
        long models = rows.keySet().stream().filter(r -> r.day().equals(today) && r.key().equals(key)).count();
        return models < MAX_MODELS_PER_KEY_AND_DAY ? name : OTHER_MODELS;
    }

    private Counter tokenCounter(String key, String countedModel, String kind) {
        return Counter.builder("ollama.proxy.usage.tokens").tags("key", key, "model", countedModel, "kind", kind)
                .register(meters);
    }

    private String today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    private static UsageRow row(RowKey key, Tally tally) {
        return new UsageRow(key.day(), key.key(), key.model(), tally.requests.get(), tally.promptTokens.get(),
                tally.completionTokens.get(), tally.errors.get());
    }
}
