package io.github.ollamaproxy.optimizer;

/**
 * A template a prompt matched.
 *
 * @param template  the template
 * @param alignment how the prompt lines up with the template's pattern
 * @param verdict   whether the match also shows which words of the template vary
 */
public record TemplateMatch(Template template, PatternAlignment alignment, PatternAlignment.Verdict verdict) {

    /** Words of the template's pattern the prompt has. */
    public int shared() {
        return alignment.kept();
    }

    /** Words of the template's pattern the prompt varies. */
    public int varied() {
        return alignment.lost();
    }
}
