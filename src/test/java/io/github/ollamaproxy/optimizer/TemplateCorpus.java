package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded, generated corpus of prompts made from templates, for measuring how well the optimizer
 * tells "same template" apart from "different template".
 *
 * <p>A template is a chat: a system message (in half the templates one of a few preambles shared
 * by many templates, then the template's own instructions) and a user message made of fixed
 * instruction text and slots. The first slot comes after the instructions; in a fifth of the
 * templates a short slot (one to three words, such as a language or product name) also sits
 * inside the instructions. A variation fills the slots with fresh filler words, from one word to
 * several hundred, so variations differ in content and length. Unrelated prompts are free text of
 * random length. One template in ten carries documents (fillers of 1500 to 8000 words, so some of
 * its prompts do not fit in 8192 tokens). Words come from a Zipf-like vocabulary, so common words
 * recur across templates as they do in real prompts.
 */
final class TemplateCorpus {

    /** One prompt: its text, the template it comes from (or -1 when unrelated), its true needs. */
    record Prompt(String text, int template, int promptTokens, int answerTokens) {
    }

    private static final int VOCABULARY = 20_000;
    private static final int PREAMBLES = 6;

    private final Random random;
    private final List<String> preambles = new ArrayList<>();

    private TemplateCorpus(long seed, int preambleWords, int preambleSpread) {
        this.random = new Random(seed);
        for (int preamble = 0; preamble < PREAMBLES; preamble++) {
            preambles.add(words(preambleWords + random.nextInt(preambleSpread)));
        }
    }

    /** Shared preambles of 12 to 51 words: shorter than the 64-token prefix. */
    static TemplateCorpus standard(long seed) {
        return new TemplateCorpus(seed, 12, 40);
    }

    /**
     * Shared preambles of 60 to 89 words: templates that differ only after a long common system
     * prompt, which the first 64 tokens cannot tell apart.
     */
    static TemplateCorpus sharedSystemPrompts(long seed) {
        return new TemplateCorpus(seed, 60, 30);
    }

    /**
     * @param templates  how many templates
     * @param variations prompts per template
     * @param unrelated  prompts that belong to no template
     */
    List<Prompt> prompts(int templates, int variations, int unrelated) {
        List<Prompt> prompts = new ArrayList<>();
        for (int template = 0; template < templates; template++) {
            String system = (random.nextBoolean() ? preambles.get(random.nextInt(PREAMBLES)) + " " : "")
                    + words(30 + random.nextInt(120));
            String instructionsStart = words(20 + random.nextInt(40));
            boolean innerSlot = random.nextInt(5) == 0;
            String instructionsEnd = words(10 + random.nextInt(60));
            boolean documents = random.nextInt(10) == 0;
            int fillerScale = documents ? 1500 + random.nextInt(6500) : 5 + random.nextInt(400);
            int answerMean = 50 + random.nextInt(2000);
            for (int variation = 0; variation < variations; variation++) {
                String user = instructionsStart + (innerSlot ? " " + words(1 + random.nextInt(3)) + " " : " ")
                        + instructionsEnd + "\n" + words(1 + random.nextInt(fillerScale));
                String text = "system: " + system + "\nuser: " + user + "\n";
                prompts.add(new Prompt(text, template, tokens(text), noisy(answerMean)));
            }
        }
        for (int i = 0; i < unrelated; i++) {
            String text = "user: " + words(5 + random.nextInt(500)) + "\n";
            prompts.add(new Prompt(text, -1 - i, tokens(text), noisy(50 + random.nextInt(1000))));
        }
        Collections.shuffle(prompts, random);
        return prompts;
    }

    /** The true prompt size: the estimate used by the optimizer, off by up to 10 %. */
    private int tokens(String text) {
        return (int) Math.round(PromptOptimizer.estimateTokens(text) * (0.9 + 0.2 * random.nextDouble()));
    }

    private int noisy(int mean) {
        return Math.max(1, (int) Math.round(mean * (1 + 0.15 * random.nextGaussian())));
    }

    private String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            int rank = (int) Math.floor(Math.pow(VOCABULARY, random.nextDouble()));
            text.append("w").append(rank);
        }
        return text.toString();
    }
}
