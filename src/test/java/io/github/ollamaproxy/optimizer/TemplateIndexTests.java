package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The key index finds what aligning every template would find. */
class TemplateIndexTests {

    private static final MatchRules RULES = MatchRules.of(OptimizerProperties.defaults());

    @Test
    void keyIndexAgreesWithAligningEveryTemplate() {
        List<TemplateCorpus.Prompt> prompts = TemplateCorpus.prompts(11, 30, 6, 300);
        TemplateIndex index = new TemplateIndex(RULES);
        List<Template> templates = new ArrayList<>();
        int matched = 0;
        for (TemplateCorpus.Prompt prompt : prompts) {
            PromptPattern pattern = PromptPattern.of(prompt.turns());
            Optional<TemplateMatch> fromIndex = index.find(pattern);
            Optional<TemplateMatch> fromScan = scan(templates, pattern);
            assertThat(fromIndex.map(match -> match.template().id())).isEqualTo(fromScan.map(m -> m.template().id()));
            assertThat(fromIndex.map(TemplateMatch::verdict)).isEqualTo(fromScan.map(TemplateMatch::verdict));
            if (fromIndex.isPresent()) {
                matched++;
                TemplateMatch match = fromIndex.get();
                if (match.verdict() == PatternAlignment.Verdict.STRONG && match.alignment().changed()) {
                    index.exclusively(() -> {
                        index.narrow(match.template(), match.alignment().narrowed());
                        return null;
                    });
                }
            } else {
                Template template = new Template(templates.size() + 1, "m", pattern, Instant.EPOCH, 4);
                templates.add(template);
                index.add(template);
            }
        }
        assertThat(matched).isGreaterThan(prompts.size() / 2);
        assertThat(index.size()).isEqualTo(templates.size());
    }

    @Test
    void aRemovedTemplateIsNoLongerFound() {
        PromptPattern prompt = TemplateStoreTests.pattern(5);
        TemplateIndex index = new TemplateIndex(RULES);
        Template template = new Template(1, "m", prompt, Instant.EPOCH, 4);
        index.add(template);
        assertThat(index.find(prompt)).isPresent();

        index.remove(template);

        assertThat(index.find(prompt)).isEmpty();
        assertThat(index.size()).isZero();
    }

    private static Optional<TemplateMatch> scan(List<Template> templates, PromptPattern prompt) {
        return TemplateIndex.choose(templates, prompt, RULES);
    }
}
