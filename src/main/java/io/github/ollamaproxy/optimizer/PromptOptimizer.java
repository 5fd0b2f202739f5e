package io.github.ollamaproxy.optimizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.ConversationTurn;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.models.ModelContextLengths;
import io.github.ollamaproxy.models.ModelNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Learns the context window ({@code num_ctx}) each prompt template really needs, and applies it.
 *
 * <p>On a request: the command-stripped conversation, part by part ({@link PromptPattern}), is
 * looked up among the model's templates ({@link TemplateRegistry}); on a match with enough
 * evidence, {@code options.num_ctx} is set to the window this prompt needs by the template's
 * record ({@link WindowPolicy}), unless the client chose {@code num_ctx} itself. On every answer
 * with metrics, streamed or not: the need (prompt plus answer tokens) updates the template, or
 * teaches a new one. Prompt patterns and matches (template ids) are cached; templates are stored in
 * the data folder ({@link TemplateStore}).
 */
@Component
public class PromptOptimizer implements DisposableBean {

    /** Response header reporting what the optimizer did. */
    public static final String HEADER = "X-Ollama-Proxy-Optimizer";

    static final String STATE = "ollama-proxy.optimizer";

    private final OptimizerProperties properties;
    private final WindowPolicy policy;
    private final TemplateRegistry registry;
    private final TemplateStore store;
    private final ModelContextLengths contextLengths;
    private final OptimizerMetrics metrics;
    private final Cache<String, PromptPattern> patterns;
    private final Cache<String, CachedMatch> matches;
    private final TokenRatios ratios = new TokenRatios();

    public PromptOptimizer(OptimizerProperties properties, DataFolder data, ModelContextLengths contextLengths,
            MeterRegistry meters) {
        this.properties = properties;
        this.policy = new WindowPolicy(properties);
        this.registry = new TemplateRegistry(properties);
        this.store = new TemplateStore(data.resolve("optimizer"), registry, properties.flushInterval(),
                properties.compactEvery());
        this.contextLengths = contextLengths;
        this.metrics = new OptimizerMetrics(meters, registry);
        this.patterns = Caffeine.newBuilder().maximumSize(properties.patternCacheSize())
                .expireAfterAccess(properties.cacheTtl()).recordStats().build();
        this.matches = Caffeine.newBuilder().maximumSize(properties.matchCacheSize())
                .expireAfterAccess(properties.cacheTtl()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, patterns, "ollama-proxy-optimizer-patterns");
        CaffeineCacheMetrics.monitor(meters, matches, "ollama-proxy-optimizer-matches");
    }

    /** Whether the optimizer runs on this request without being asked for. */
    public boolean isAutomatic(LlmRequest request) {
        return properties.auto() || !request.model().isBlank()
                && properties.autoModels().stream().map(ModelNames::canonical)
                        .anyMatch(ModelNames.canonical(request.model())::equals);
    }

    /** Looks the prompt up and applies its template's window. */
    public void onRequest(LlmRequest request) {
        String text = request.conversationText();
        List<ConversationTurn> turns = request.conversationTurns();
        String key = key(turns);
        String model = ModelNames.canonical(request.model());
        int clientNumCtx = request.body().path("options").path("num_ctx").asInt(0);
        int estimate = ratios.tokens(model, text.length());
        long start = System.nanoTime();
        PromptPattern prompt = patterns.get(key, k -> PromptPattern.of(turns));
        if (prompt.words() < properties.minTokens()) {
            metrics.skip();
            request.putResponseHeader(HEADER, "skipped; prompt shorter than " + properties.minTokens() + " words");
            return;
        }
        Optional<TemplateMatch> match = lookup(model, key, prompt);
        metrics.lookup().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        int given = clientNumCtx;
        if (match.isPresent() && match.get().template().observations() >= properties.minObservations()) {
            metrics.match();
            TemplateMatch found = match.get();
            int window = policy.window(found.template().extras(), estimate, contextLengths.of(model));
            String report = "template=" + found.template().id() + "; shared=" + found.shared() + "; varied="
                    + found.varied();
            if (clientNumCtx > 0 && !properties.overrideClientNumCtx()) {
                request.putResponseHeader(HEADER, report + "; num_ctx=" + clientNumCtx + " (set by the client)");
            } else {
                request.options().put("num_ctx", window);
                given = window;
                metrics.applied(window);
                request.putResponseHeader(HEADER, report + "; num_ctx=" + window);
            }
        } else {
            metrics.miss();
            request.putResponseHeader(HEADER, "template=none; learning");
        }
        request.attributes().put(STATE, new Pending(model, prompt,
                match.map(TemplateMatch::template).orElse(null), given, estimate, text.length()));
    }

    /** Learns from a finished answer that reports its token counts. */
    public void onCompletion(LlmRequest request, Completion completion) {
        if (!(request.attributes().get(STATE) instanceof Pending pending)
                || completion.promptEvalCount().isEmpty() || completion.evalCount().isEmpty()) {
            return;
        }
        long promptEvalCount = completion.promptEvalCount().getAsLong();
        long evalCount = completion.evalCount().getAsLong();
        ratios.observe(pending.model(), pending.promptChars(), promptEvalCount);
        int need = policy.need(promptEvalCount, evalCount, pending.promptEstimate(), pending.given());
        int extra = need - pending.promptEstimate();
        boolean truncated = policy.filled(promptEvalCount + evalCount, pending.given());
        int modelMax = contextLengths.of(pending.model());
        TemplateRegistry.WindowSource windows = extras -> policy.window(extras, pending.promptEstimate(), modelMax);
        Instant now = Instant.now();
        if (pending.template() != null && registry.get(pending.template().id()).isPresent()) {
            registry.observe(pending.template(), pending.prompt(), extra, truncated, now, windows);
            metrics.updated();
        } else {
            Template template = registry.learn(pending.model(), pending.prompt(), extra, truncated, now, windows);
            if (template.observations() == 1) {
                metrics.learned();
            } else {
                metrics.updated();
            }
        }
    }

    /** Every template, most recently used first. */
    public List<TemplateState> templates() {
        return registry.list();
    }

    public boolean delete(long id) {
        boolean deleted = registry.delete(id);
        matches.invalidateAll();
        return deleted;
    }

    public void clear() {
        registry.clear();
        matches.invalidateAll();
    }

    /** Writes pending changes to the data folder now. */
    public void flush() {
        store.flush();
    }

    @Override
    public void destroy() {
        store.close();
    }

    private Optional<TemplateMatch> lookup(String model, String key, PromptPattern prompt) {
        String matchKey = model + '\n' + key;
        CachedMatch cached = matches.getIfPresent(matchKey);
        if (cached != null) {
            Optional<Template> template = registry.get(cached.templateId());
            if (template.isPresent()) {
                return Optional.of(cached.match(template.get()));
            }
            matches.invalidate(matchKey);
        }
        Optional<TemplateMatch> match = registry.find(model, prompt);
        match.ifPresent(found -> matches.put(matchKey,
                new CachedMatch(found.template().id(), found.alignment(), found.verdict())));
        return match;
    }

    /** The cache key of a conversation: the SHA-256 of its parts' roles and texts. */
    private static String key(List<ConversationTurn> turns) {
        MessageDigest digest = DigestUtils.getSha256Digest();
        for (ConversationTurn turn : turns) {
            digest.update(turn.role().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(turn.text().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return Hex.encodeHexString(digest.digest());
    }

    /** Tokens a text needs with a model that has not answered yet: four characters per token. */
    static int estimateTokens(String text) {
        return (int) Math.ceil(text.length() / TokenRatios.DEFAULT);
    }

    /** The characters per prompt token learned for a model ({@link TokenRatios}). */
    public double charsPerToken(String model) {
        return ratios.ratio(ModelNames.canonical(model));
    }

    /** What the request step leaves for the completion step. */
    record Pending(String model, PromptPattern prompt, Template template, int given, int promptEstimate,
            int promptChars) {
    }

    /** A match remembered by template id, so that the template's current window is used. */
    private record CachedMatch(long templateId, PatternAlignment alignment, PatternAlignment.Verdict verdict) {

        TemplateMatch match(Template template) {
            return new TemplateMatch(template, alignment, verdict);
        }
    }
}
