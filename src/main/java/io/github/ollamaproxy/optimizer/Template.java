package io.github.ollamaproxy.optimizer;

import java.time.Instant;

/**
 * A learned prompt template of one model: its fingerprint and what the answers to prompts like it
 * needed. Thread-safe; its statistics change as answers are observed.
 */
public final class Template {

    private final long id;
    private final String model;
    private final Fingerprint fingerprint;
    private final Instant createdAt;
    private final int[] needs;
    private int size;
    private int next;
    private long observations;
    private long truncations;
    private int window;
    private Instant lastUsed;

    Template(long id, String model, Fingerprint fingerprint, Instant createdAt, int capacity) {
        this.id = id;
        this.model = model;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
        this.lastUsed = createdAt;
        this.needs = new int[capacity];
    }

    static Template restore(TemplateState state, int capacity) {
        Template template = new Template(state.id(), state.model(), new Fingerprint(state.fingerprints(), state.tokens()),
                state.createdAt(), capacity);
        for (int need : state.needs()) {
            template.remember(need);
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

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public synchronized int window() {
        return window;
    }

    public synchronized long observations() {
        return observations;
    }

    /** Records one answer's need and sets the window its policy gives. */
    synchronized void observe(int need, boolean truncated, Instant at, int newWindow) {
        remember(need);
        observations++;
        if (truncated) {
            truncations++;
        }
        window = newWindow;
        lastUsed = at;
    }

    /** The recent needs, oldest first, with the need to be added (for computing the next window). */
    synchronized int[] needsWith(int need) {
        int kept = Math.min(size, needs.length - 1);
        int[] result = new int[kept + 1];
        for (int i = 0; i < kept; i++) {
            result[i] = needs[Math.floorMod(next - kept + i, needs.length)];
        }
        result[kept] = need;
        return result;
    }

    synchronized TemplateState state() {
        int[] ordered = new int[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = needs[Math.floorMod(next - size + i, needs.length)];
        }
        return new TemplateState(id, model, fingerprint.values(), fingerprint.tokens(), createdAt, lastUsed,
                observations, truncations, window, ordered);
    }

    private void remember(int need) {
        needs[next] = need;
        next = (next + 1) % needs.length;
        size = Math.min(size + 1, needs.length);
    }
}
