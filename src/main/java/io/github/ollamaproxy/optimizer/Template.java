package io.github.ollamaproxy.optimizer;

import java.time.Instant;

/**
 * A learned prompt template of one model: its pattern (what its prompts have in common) and what the
 * answers to its prompts needed beyond their prompts (see {@link WindowPolicy}). Thread-safe; its statistics change as
 * answers are observed.
 */
public final class Template {

    private final long id;
    private final String model;
    private volatile PromptPattern pattern;
    private TemplateRegistry.Aside aside;
    private final Instant createdAt;
    private final int[] extras;
    private int size;
    private int next;
    private long observations;
    private long truncations;
    private int window;
    private Instant lastUsed;

    Template(long id, String model, PromptPattern pattern, Instant createdAt, int capacity) {
        this.id = id;
        this.model = model;
        this.pattern = pattern;
        this.createdAt = createdAt;
        this.lastUsed = createdAt;
        this.extras = new int[capacity];
    }

    static Template restore(TemplateState state, int capacity) {
        Template template = new Template(state.id(), state.model(), state.pattern(), state.createdAt(), capacity);
        for (int extra : state.extras()) {
            template.remember(extra);
        }
        template.observations = state.observations();
        template.truncations = state.truncations();
        template.window = state.window();
        template.lastUsed = state.lastUsed();
        return template;
    }

    public long id() {
        return id;
    }

    public String model() {
        return model;
    }

    PromptPattern pattern() {
        return pattern;
    }

    /** Replaces the pattern with a narrower one (done by the template's index). */
    void narrow(PromptPattern narrower) {
        this.pattern = narrower;
    }

    public synchronized int window() {
        return window;
    }

    synchronized Instant lastUsed() {
        return lastUsed;
    }

    public synchronized long observations() {
        return observations;
    }

    /** Keeps the first prompt that matched weakly, until the pattern is narrowed (not stored). */
    synchronized void keepAside(TemplateRegistry.Aside prompt) {
        if (aside == null) {
            aside = prompt;
        }
    }

    /** The prompt kept aside, if any. */
    synchronized TemplateRegistry.Aside peekAside() {
        return aside;
    }

    /** The prompt kept aside, if any, and forgets it. */
    synchronized TemplateRegistry.Aside takeAside() {
        TemplateRegistry.Aside taken = aside;
        aside = null;
        return taken;
    }

    /** Records the extra tokens one answer needed and the window that follows. */
    synchronized void observe(int extra, boolean truncated, Instant at, int newWindow) {
        remember(extra);
        observations++;
        if (truncated) {
            truncations++;
        }
        window = newWindow;
        lastUsed = at;
    }

    /** The recent extras, oldest first. */
    synchronized int[] extras() {
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = extras[Math.floorMod(next - size + i, extras.length)];
        }
        return result;
    }

    /** The recent extras with one more, as they will be once it is recorded. */
    synchronized int[] extrasWith(int extra) {
        int kept = Math.min(size, extras.length - 1);
        int[] result = new int[kept + 1];
        for (int i = 0; i < kept; i++) {
            result[i] = extras[Math.floorMod(next - kept + i, extras.length)];
        }
        result[kept] = extra;
        return result;
    }

    synchronized TemplateState state() {
        return new TemplateState(id, model, pattern, createdAt, lastUsed,
                observations, truncations, window, extras());
    }

    private void remember(int extra) {
        extras[next] = extra;
        next = (next + 1) % extras.length;
        size = Math.min(size + 1, extras.length);
    }
}
