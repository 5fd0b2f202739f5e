package io.github.ollamaproxy.optimizer;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One learned template as {@code GET /optimizer/templates} lists it.
 *
 * @param id                its id, for {@code DELETE /optimizer/templates/{id}}
 * @param model             the model it was learned for
 * @param observations      answers observed
 * @param window            the context window of its last request
 * @param lastUsed          when it last matched or learned
 * @param createdAt         when it was learned
 * @param truncations       answers that filled their window
 * @param tokens            word tokens of the prompt it was learned from
 * @param recentExtraTokens recent needs beyond the prompt, oldest first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TemplateView(long id, String model, long observations, int window, Instant lastUsed,
        Instant createdAt, long truncations, int tokens, int[] recentExtraTokens) {

    static TemplateView of(TemplateState state) {
        return new TemplateView(state.id(), state.model(), state.observations(), state.window(), state.lastUsed(),
                state.createdAt(), state.truncations(), state.tokens(), state.extras());
    }

    /**
     * What a {@code DELETE} removed.
     *
     * @param deleted how many templates
     */
    public record Deleted(int deleted) {
    }
}
