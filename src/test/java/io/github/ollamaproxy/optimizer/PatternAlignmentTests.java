package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.ollamaproxy.agent.ConversationTurn;
import org.junit.jupiter.api.Test;

/** The rules that decide whether a prompt belongs to a template, one shape of prompt at a time. */
class PatternAlignmentTests {

    private static final MatchRules RULES = MatchRules.of(OptimizerProperties.defaults());
    private static final String REVIEW = "Write a short, friendly review of the film %s for our weekly newsletter. "
            + "Mention the director, the lead actors and one memorable scene, avoid spoilers, keep it under "
            + "two hundred words and end with a rating out of five stars.";

    @Test
    void aShortTemplateMatchesWhateverItsSlotHolds() {
        PromptPattern first = user(REVIEW.formatted("Casablanca"));

        assertThat(verdict(first, user(REVIEW.formatted("The Grand Budapest Hotel"))))
                .isEqualTo(PatternAlignment.Verdict.STRONG);
        assertThat(verdict(first, user("Casablanca: " + REVIEW.formatted("it"))))
                .isEqualTo(PatternAlignment.Verdict.STRONG);
        assertThat(verdict(user(REVIEW.formatted("it") + " The film: Casablanca"),
                user(REVIEW.formatted("it") + " The film: North by Northwest"))).isEqualTo(PatternAlignment.Verdict.STRONG);
    }

    @Test
    void aPromptThatKeepsTooFewWordsIsAnotherPrompt() {
        assertThat(verdict(user(REVIEW.formatted("Casablanca")), user(REVIEW.formatted("Vertigo") + " Thanks!")))
                .isEqualTo(PatternAlignment.Verdict.NONE);
    }

    @Test
    void aShortTemplateNarrowedByOneSlotStillTakesTheNextValue() {
        PromptPattern narrowed = narrowed(user(REVIEW.formatted("Casablanca")), user(REVIEW.formatted("Heat")));

        assertThat(narrowed.refined()).isTrue();
        assertThat(verdict(narrowed, user(REVIEW.formatted("Spirited Away")))).isEqualTo(PatternAlignment.Verdict.STRONG);
        assertThat(verdict(narrowed, user(words(7, 40)))).isEqualTo(PatternAlignment.Verdict.NONE);
    }

    @Test
    void differentShortRequestsDoNotMatch() {
        assertThat(verdict(user(words(1, 60)), user(words(2, 60)))).isEqualTo(PatternAlignment.Verdict.NONE);
        assertThat(verdict(user(REVIEW.formatted("Heat")), user("Summarise this film review for our newsletter: "
                + words(3, 80)))).isEqualTo(PatternAlignment.Verdict.NONE);
    }

    @Test
    void aDocumentAfterFixedInstructionsVaries() {
        String system = words(10, 80);
        String instructions = "Summarise the following article in three bullet points for a busy executive:";
        PromptPattern first = chat("system", system, "user", instructions + "\n\n" + words(11, 1500));
        PromptPattern second = chat("system", system, "user", instructions + "\n\n" + words(12, 60));

        assertThat(verdict(first, second)).isEqualTo(PatternAlignment.Verdict.STRONG);
        assertThat(verdict(narrowed(first, second), chat("system", system, "user", instructions + "\n\n"
                + words(13, 700)))).isEqualTo(PatternAlignment.Verdict.STRONG);
    }

    @Test
    void tasksThatShareALongSystemPromptStayApart() {
        String shared = words(20, 220);
        PromptPattern summarise = chat("system", shared + "\n\nSummarise the customer's message in one line that "
                + "a support agent can read at a glance, naming the product concerned.", "user", words(21, 90));
        PromptPattern classify = chat("system", shared + "\n\nClassify the customer's message as billing, "
                + "technical or other, and explain the choice in two sentences.", "user", words(22, 90));

        assertThat(verdict(summarise, classify)).isEqualTo(PatternAlignment.Verdict.NONE);
    }

    @Test
    void onceItsOpeningIsConfirmedATaskNoLongerTakesAnotherTaskBehindTheSameSystemPrompt() {
        String shared = words(30, 220);
        String translate = "Translate the customer's message into formal German and keep all product names unchanged:";
        String classify = "Classify the customer's message as billing, technical or other and justify it briefly:";
        PromptPattern first = chat("system", shared, "user", translate + "\n\n" + words(31, 40));
        PromptPattern task = narrowed(first, chat("system", shared, "user", translate + "\n\n" + words(32, 70)));

        assertThat(verdict(task, chat("system", shared, "user", classify + "\n\n" + words(33, 50))))
                .isEqualTo(PatternAlignment.Verdict.NONE);
        assertThat(verdict(task, chat("system", shared, "user", translate + "\n\n" + words(34, 20))))
                .isEqualTo(PatternAlignment.Verdict.STRONG);
    }

    @Test
    void aWordInCommonByChanceIsNoTaskOpening() {
        String shared = words(80, 200);
        PromptPattern first = chat("system", shared, "user", "Please " + words(81, 30) + "\n\n" + words(82, 60));
        PromptPattern other = chat("system", shared, "user", "Please " + words(83, 30) + "\n\n" + words(84, 60));

        PatternAlignment alignment = PatternAlignment.of(first, other, RULES.slotWords());

        assertThat(alignment.verdict(RULES.minShared(), RULES.slotWords()))
                .isEqualTo(PatternAlignment.Verdict.WEAK);
    }

    @Test
    void aSecondPromptOfAnotherTaskIsNotTakenByTheTemplateThatTookTheFirst() {
        TemplateRegistry registry = new TemplateRegistry(OptimizerProperties.defaults());
        String shared = words(90, 200);
        String translate = "Translate the customer's message into formal German and keep all product names unchanged:";
        String classify = "Classify the customer's message as billing, technical or other and justify it briefly:";
        Template template = registry.learn("m", chat("system", shared, "user", translate + "\n\n" + words(91, 40)),
                100, false, java.time.Instant.EPOCH, extras -> 2048);
        PromptPattern firstOfOther = chat("system", shared, "user", classify + "\n\n" + words(92, 30));
        TemplateMatch weak = registry.find("m", firstOfOther).orElseThrow();
        assertThat(weak.verdict()).isEqualTo(PatternAlignment.Verdict.WEAK);
        registry.observe(template, firstOfOther, 100, false, java.time.Instant.EPOCH, extras -> 2048);

        assertThat(registry.find("m", chat("system", shared, "user", classify + "\n\n" + words(93, 50)))).isEmpty();
        assertThat(registry.find("m", chat("system", shared, "user", words(94, 50)))).isPresent();
    }

    @Test
    void anotherChatOfTheSameApplicationMatches() {
        String system = words(40, 60);
        PromptPattern first = chat("system", system, "user", words(41, 30), "assistant", words(42, 120), "user",
                words(43, 20));
        PromptPattern other = chat("system", system, "user", words(44, 25));
        PromptPattern longer = chat("system", system, "user", words(45, 25), "assistant", words(46, 90), "user",
                words(47, 12), "assistant", words(48, 60), "user", words(49, 33));

        assertThat(verdict(first, other)).isEqualTo(PatternAlignment.Verdict.WEAK);
        assertThat(verdict(first, longer)).isEqualTo(PatternAlignment.Verdict.WEAK);
    }

    @Test
    void contextInjectedIntoTheSystemPromptAndTheQuestionBothVary() {
        String instructions = "Answer the question using only the context below. If the context does not contain "
                + "the answer, say that you do not know. Cite the numbers of the passages you used.";
        PromptPattern first = chat("system", instructions + "\n\nContext:\n" + words(50, 600), "user", words(51, 14));
        PromptPattern second = chat("system", instructions + "\n\nContext:\n" + words(52, 300), "user", words(53, 9));

        assertThat(verdict(first, second)).isEqualTo(PatternAlignment.Verdict.WEAK);
    }

    @Test
    void aGenericSystemPromptIsNotATemplate() {
        assertThat(verdict(chat("system", "You are a helpful assistant.", "user", words(60, 50)),
                chat("system", "You are a helpful assistant.", "user", words(61, 50))))
                .isEqualTo(PatternAlignment.Verdict.NONE);
    }

    @Test
    void aPromptOfAnotherRoleLayoutDoesNotMatch() {
        String system = words(70, 60);
        assertThat(PatternAlignment.of(chat("system", system, "user", words(71, 20)),
                chat("user", system, "user", words(71, 20)), RULES.slotWords())).isNull();
    }

    static PromptPattern user(String text) {
        return chat("user", text);
    }

    static PromptPattern chat(String... rolesAndTexts) {
        List<ConversationTurn> turns = new ArrayList<>();
        for (int i = 0; i < rolesAndTexts.length; i += 2) {
            turns.add(new ConversationTurn(rolesAndTexts[i], rolesAndTexts[i + 1]));
        }
        return PromptPattern.of(turns);
    }

    /** Seeded random words, different for every seed. */
    static String words(int seed, int count) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("w").append((int) Math.pow(20_000, random.nextDouble()));
        }
        return text.toString();
    }

    private static PatternAlignment.Verdict verdict(PromptPattern pattern, PromptPattern prompt) {
        TemplateMatch match = RULES.match(new Template(1, "m", pattern, java.time.Instant.EPOCH, 4), prompt);
        return match == null ? PatternAlignment.Verdict.NONE : match.verdict();
    }

    private static PromptPattern narrowed(PromptPattern pattern, PromptPattern prompt) {
        PatternAlignment alignment = PatternAlignment.of(pattern, prompt, RULES.slotWords());
        assertThat(alignment.verdict(RULES.minShared(), RULES.slotWords()))
                .isEqualTo(PatternAlignment.Verdict.STRONG);
        return alignment.narrowed();
    }
}
