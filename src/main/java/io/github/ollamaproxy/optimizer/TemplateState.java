package io.github.ollamaproxy.optimizer;

import java.time.Instant;

/**
 * Everything known about one learned prompt template, as stored and as listed.
 *
 * @param id           stable id
 * @param model        canonical model name the template was learned for
 * @param pattern      what its prompts have in common
 * @param createdAt    when it was learned
 * @param lastUsed     when it last matched or learned
 * @param observations answers observed (the first one included)
 * @param truncations  answers that filled the window they were given
 * @param window       the context window of its last request
 * @param extras       recent needs beyond the prompt's estimated size, oldest first
 */
public record TemplateState(long id, String model, PromptPattern pattern, Instant createdAt, Instant lastUsed,
        long observations, long truncations, int window, int[] extras) {

    /** Words of the prompt the template was learned from. */
    public int tokens() {
        return pattern.words();
    }
}
