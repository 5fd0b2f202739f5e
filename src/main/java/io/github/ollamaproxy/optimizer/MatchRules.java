package io.github.ollamaproxy.optimizer;

/**
 * When a prompt belongs to a template ({@link PatternAlignment#verdict}), with the configured
 * sizes.
 *
 * @param minShared words a prompt must share with a template's pattern
 * @param slotWords the most words one varying slot may have
 */
record MatchRules(int minShared, int slotWords) {

    static MatchRules of(OptimizerProperties properties) {
        return new MatchRules(properties.minSharedWords(), properties.slotWords());
    }

    /** The match of a prompt with a template, or null when the prompt does not belong to it. */
    TemplateMatch match(Template template, PromptPattern prompt) {
        TemplateMatch judged = judge(template, prompt);
        return judged == null || judged.verdict() == PatternAlignment.Verdict.NONE ? null : judged;
    }

    /** How a prompt relates to a template, or null when their parts' roles differ. */
    TemplateMatch judge(Template template, PromptPattern prompt) {
        PromptPattern pattern = template.pattern();
        PatternAlignment alignment = PatternAlignment.of(pattern, prompt, slotWords);
        return alignment == null ? null
                : new TemplateMatch(template, alignment, alignment.verdict(minShared, slotWords));
    }

    /**
     * Whether the prompt and the one a template took weakly before are two prompts of one other
     * task: together they confirm more than a slot of fixed words beyond what the weak match kept,
     * in the part where it went another way (a task's opening the template's own prompt lacks).
     */
    boolean sameOtherTask(PromptPattern aside, TemplateMatch weak, PromptPattern prompt) {
        PatternAlignment alignment = PatternAlignment.of(aside, prompt, slotWords);
        int part = weak.alignment().divergedAt();
        return alignment != null && alignment.changed()
                && alignment.verdict(minShared, slotWords) == PatternAlignment.Verdict.STRONG
                && alignment.keptIn(part) > weak.alignment().keptIn(part) + slotWords;
    }

    /**
     * Whether a template rules out that the prompt's weak match is right: it is refined, shares the
     * same leading parts with the prompt, and the prompt lacks the task opening it confirmed right
     * after them. Those leading parts are then known to front several tasks, so keeping them is no
     * evidence of being the same task.
     */
    boolean contradicts(TemplateMatch rejected, TemplateMatch weak) {
        PatternAlignment alignment = rejected.alignment();
        return rejected.verdict() == PatternAlignment.Verdict.NONE && rejected.template().pattern().refined()
                && alignment.kept() >= minShared && !alignment.cleanSplit()
                && alignment.divergedAt() == weak.alignment().divergedAt();
    }
}
