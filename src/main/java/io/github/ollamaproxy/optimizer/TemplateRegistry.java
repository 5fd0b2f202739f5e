package io.github.ollamaproxy.optimizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * All learned templates, in memory, indexed per model. Every change is numbered and handed to a
 * journal; {@link #snapshot} gives a consistent view of everything up to one number, for
 * compaction. Lookups never wait for changes of other models, and never for the journal.
 */
public final class TemplateRegistry {

    private final Map<String, TemplateIndex> byModel = new ConcurrentHashMap<>();
    private final Map<Long, Template> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong seq = new AtomicLong();
    private final ReadWriteLock changes = new ReentrantReadWriteLock();
    private final MatchRules rules;
    private final int recentNeeds;
    private final int maxTemplates;
    private volatile Consumer<TemplateEvent> journal = event -> { };

    public TemplateRegistry(OptimizerProperties properties) {
        this.rules = MatchRules.of(properties);
        this.recentNeeds = properties.recentNeeds();
        this.maxTemplates = properties.maxTemplates();
    }

    /** Where changes go from now on. */
    void journalTo(Consumer<TemplateEvent> journal) {
        this.journal = journal;
    }

    /** The template of this model that the prompt matches best, if any. */
    Optional<TemplateMatch> find(String model, PromptPattern prompt) {
        TemplateIndex index = byModel.get(model);
        return index == null ? Optional.empty() : index.find(prompt);
    }

    public Optional<Template> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Learns a template from a prompt and the extra tokens its first answer needed, unless a
     * template that the prompt matches appeared meanwhile; then that one observes the answer.
     */
    Template learn(String model, PromptPattern prompt, int extra, boolean truncated, Instant at,
            WindowSource windows) {
        Learning learning;
        changes.readLock().lock();
        try {
            TemplateIndex index = byModel.computeIfAbsent(model, key -> new TemplateIndex(rules));
            learning = index.exclusively(() -> {
                Optional<TemplateMatch> match = index.best(prompt);
                if (match.isPresent()) {
                    adaptLocked(index, match.get(), new Aside(prompt, extra, truncated, at), windows);
                    return new Learning(match.get().template(), false);
                }
                return new Learning(createLocked(index, model, prompt, extra, truncated, at, windows), true);
            });
            if (!learning.created()) {
                observeLocked(learning.template(), extra, truncated, at, windows);
            }
        } finally {
            changes.readLock().unlock();
        }
        forgetBeyondCap();
        return learning.template();
    }

    /**
     * Records an answer to a prompt that matched the template, and narrows the template's pattern
     * when the prompt shows more of what varies.
     */
    void observe(Template template, PromptPattern prompt, int extra, boolean truncated, Instant at,
            WindowSource windows) {
        changes.readLock().lock();
        try {
            TemplateIndex index = byModel.get(template.model());
            if (index != null && byId.containsKey(template.id())) {
                index.exclusively(() -> {
                    TemplateMatch match = rules.match(template, prompt);
                    if (match != null) {
                        adaptLocked(index, match, new Aside(prompt, extra, truncated, at), windows);
                    }
                    return null;
                });
                observeLocked(template, extra, truncated, at, windows);
            }
        } finally {
            changes.readLock().unlock();
        }
        forgetBeyondCap();
    }

    /**
     * Forgets the least recently used templates when there are more than {@code max-templates}: a
     * hundredth of the cap at once (at least one), so that the scan for them is rare.
     */
    private void forgetBeyondCap() {
        int excess = byId.size() - maxTemplates;
        if (excess <= 0) {
            return;
        }
        int batch = Math.max(excess, maxTemplates / 100);
        byId.values().stream().sorted(Comparator.comparing(Template::lastUsed)).limit(batch).map(Template::id)
                .toList().forEach(this::delete);
    }

    public boolean delete(long id) {
        changes.readLock().lock();
        try {
            Template removed = byId.remove(id);
            if (removed == null) {
                return false;
            }
            byModel.get(removed.model()).remove(removed);
            journal.accept(new TemplateEvent.Deleted(seq.incrementAndGet(), id));
            return true;
        } finally {
            changes.readLock().unlock();
        }
    }

    public void clear() {
        changes.readLock().lock();
        try {
            byModel.clear();
            byId.clear();
            journal.accept(new TemplateEvent.Cleared(seq.incrementAndGet()));
        } finally {
            changes.readLock().unlock();
        }
    }

    public int size() {
        return byId.size();
    }

    /** Every template, most recently used first. */
    public List<TemplateState> list() {
        List<TemplateState> states = new ArrayList<>();
        byId.values().forEach(template -> states.add(template.state()));
        states.sort(Comparator.comparing(TemplateState::lastUsed).reversed());
        return states;
    }

    /**
     * Runs the action on a consistent view: no change happens meanwhile, and every change up to the
     * given number is in it.
     */
    void snapshot(SnapshotAction action) {
        changes.writeLock().lock();
        try {
            action.write(seq.get(), nextId.get(), byId.values().stream().map(Template::state).toList());
        } finally {
            changes.writeLock().unlock();
        }
    }

    /** Replays a stored change (no journal entry is written for it). */
    void apply(TemplateEvent event) {
        seq.accumulateAndGet(event.seq(), Math::max);
        if (event instanceof TemplateEvent.Learned learned) {
            restore(learned.template());
        } else if (event instanceof TemplateEvent.Observed observed) {
            get(observed.id()).ifPresent(template -> template.observe(observed.extra(), observed.truncated(),
                    observed.at(), observed.window()));
        } else if (event instanceof TemplateEvent.Narrowed narrowed) {
            get(narrowed.id()).ifPresent(template -> {
                TemplateIndex index = byModel.get(template.model());
                index.exclusively(() -> {
                    index.narrow(template, narrowed.pattern());
                    return null;
                });
            });
        } else if (event instanceof TemplateEvent.Deleted deleted) {
            Template removed = byId.remove(deleted.id());
            if (removed != null) {
                byModel.get(removed.model()).remove(removed);
            }
        } else if (event instanceof TemplateEvent.Cleared) {
            byModel.clear();
            byId.clear();
        }
    }

    /** Restores a stored template. */
    void restore(TemplateState state) {
        Template template = Template.restore(state, recentNeeds);
        byId.put(template.id(), template);
        byModel.computeIfAbsent(template.model(), key -> new TemplateIndex(rules)).add(template);
        nextId.accumulateAndGet(state.id() + 1, Math::max);
    }

    /** Restores the counters of a snapshot. */
    void restoreCounters(long lastSeq, long nextTemplateId) {
        seq.accumulateAndGet(lastSeq, Math::max);
        nextId.accumulateAndGet(nextTemplateId, Math::max);
    }

    private Template createLocked(TemplateIndex index, String model, PromptPattern prompt, int extra,
            boolean truncated, Instant at, WindowSource windows) {
        Template created = new Template(nextId.getAndIncrement(), model, prompt, at, recentNeeds);
        created.observe(extra, truncated, at, windows.window(created.extrasWith(extra)));
        index.add(created);
        byId.put(created.id(), created);
        journal.accept(new TemplateEvent.Learned(seq.incrementAndGet(), created.state()));
        return created;
    }

    /**
     * Narrows the template's pattern when the match shows what varies. A prompt that matched an
     * unrefined template only weakly is kept aside; once the pattern is narrowed, a kept prompt it
     * no longer takes was another task and becomes a template of its own (unless a template of that
     * task exists by then).
     */
    private void adaptLocked(TemplateIndex index, TemplateMatch match, Aside prompt, WindowSource windows) {
        Template template = match.template();
        if (match.verdict() == PatternAlignment.Verdict.STRONG && match.alignment().changed()) {
            PromptPattern narrowed = match.alignment().narrowed();
            index.narrow(template, narrowed);
            journal.accept(new TemplateEvent.Narrowed(seq.incrementAndGet(), template.id(), narrowed));
            Aside aside = template.takeAside();
            if (aside != null && rules.match(template, aside.prompt()) == null
                    && index.best(aside.prompt()).isEmpty()) {
                createLocked(index, template.model(), aside.prompt(), aside.extra(), aside.truncated(), aside.at(),
                        windows);
            }
        } else if (match.verdict() == PatternAlignment.Verdict.WEAK && !template.pattern().refined()) {
            template.keepAside(prompt);
        }
    }

    private void observeLocked(Template template, int extra, boolean truncated, Instant at, WindowSource windows) {
        int window;
        synchronized (template) {
            window = windows.window(template.extrasWith(extra));
            template.observe(extra, truncated, at, window);
        }
        journal.accept(new TemplateEvent.Observed(seq.incrementAndGet(), template.id(), extra, truncated, at, window));
    }

    /** A prompt that matched a template weakly, with what its answer needed. */
    record Aside(PromptPattern prompt, int extra, boolean truncated, Instant at) {
    }

    /** The template a learning ended with, and whether it is new. */
    private record Learning(Template template, boolean created) {
    }

    /** Computes the window that follows from a template's recent extras. */
    @FunctionalInterface
    public interface WindowSource {
        int window(int[] extras);
    }

    /** Writes a consistent view of the registry. */
    @FunctionalInterface
    interface SnapshotAction {
        void write(long lastSeq, long nextTemplateId, List<TemplateState> templates);
    }
}
