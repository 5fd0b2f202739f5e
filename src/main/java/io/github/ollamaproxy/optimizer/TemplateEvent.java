package io.github.ollamaproxy.optimizer;

import java.time.Instant;

/** A change to the learned templates, as written to the store's journal. */
sealed interface TemplateEvent {

    /** Position in the order of all changes; a snapshot records the last one it contains. */
    long seq();

    /** A new template. */
    record Learned(long seq, TemplateState template) implements TemplateEvent {
    }

    /** An answer observed for a template, and the window that followed. */
    record Observed(long seq, long id, int extra, boolean truncated, Instant at, int window) implements TemplateEvent {
    }

    /** A template's pattern narrowed by a prompt that showed more of what varies. */
    record Narrowed(long seq, long id, PromptPattern pattern) implements TemplateEvent {
    }

    /** One template removed. */
    record Deleted(long seq, long id) implements TemplateEvent {
    }

    /** Every template removed. */
    record Cleared(long seq) implements TemplateEvent {
    }
}
