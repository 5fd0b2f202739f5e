package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import io.github.ollamaproxy.agent.ConversationTurn;

/**
 * A seeded, generated corpus of prompts made from templates of the shapes seen in real traffic,
 * for measuring how well the optimizer tells "same template" apart from "different template".
 *
 * <p>Shapes ({@link Shape}): a system prompt and instructions before a varying document; few-shot
 * prompts whose examples are fixed and whose last question varies (as messages, or in one
 * message); short templates (20 to 80 words) with one varying slot anywhere; groups of four
 * templates that share one long system prompt and differ in the instructions after it (appended to
 * the system prompt, or opening the user message); chats of one application growing turn by turn; RAG prompts
 * whose injected context and question vary (context in the user message or in the system prompt);
 * tool-calling prompts. Unrelated one-off prompts come in between. Words come from a Zipf-like
 * vocabulary, so common words recur across templates and at the edges of varying text, as in
 * real prompts.
 */
final class TemplateCorpus {

    /** The shapes of recurring prompts. */
    enum Shape {
        DOCUMENT("(system prompt +) instructions (12–60 words) before or after a varying document (50–2000 words)"),
        FEW_SHOT("few-shot: (system prompt +) fixed examples, varying final question"),
        SHORT_SLOT("short template (20–80 words), one varying slot anywhere"),
        SHARED_SYSTEM("templates sharing one long system prompt, different instructions appended to it"),
        SHARED_SYSTEM_USER_TASK("templates sharing one long system prompt, different instructions opening the user message"),
        GROWING_CHAT("chat of one application growing turn by turn"),
        RAG("RAG: instructions, varying injected context and question"),
        TOOLS("tool definitions + varying request"),
        ONE_OFF("one-off prompts (no template)");

        final String label;

        Shape(String label) {
            this.label = label;
        }
    }

    /**
     * One prompt: its parts, its shape, the template it comes from (or a unique negative number
     * when it belongs to none), and its true needs.
     */
    record Prompt(List<ConversationTurn> turns, Shape shape, int template, int promptTokens, int answerTokens) {

        String text() {
            StringBuilder text = new StringBuilder();
            for (ConversationTurn turn : turns) {
                text.append(turn.role()).append(": ").append(turn.text()).append('\n');
            }
            return text.toString();
        }
    }

    private static final int VOCABULARY = 20_000;

    private final Random random;
    private final List<Prompt> prompts = new ArrayList<>();
    private int nextTemplate;
    private int nextOneOff = -1;

    TemplateCorpus(long seed) {
        this.random = new Random(seed);
    }

    /**
     * The prompts of {@code perShape} templates of every shape with {@code variations} prompts each
     * (shared-system templates come in groups of four, {@code perShape} rounded up to a multiple of
     * four), and {@code oneOffs} unrelated prompts, shuffled.
     */
    static List<Prompt> prompts(long seed, int perShape, int variations, int oneOffs) {
        TemplateCorpus corpus = new TemplateCorpus(seed);
        for (int i = 0; i < perShape; i++) {
            corpus.document(variations);
            corpus.fewShot(variations);
            corpus.shortSlot(variations);
            corpus.growingChat(variations);
            corpus.rag(variations);
            corpus.tools(variations);
        }
        for (int group = 0; group < (perShape + 3) / 4; group++) {
            corpus.sharedSystem(variations, true);
            corpus.sharedSystem(variations, false);
        }
        for (int i = 0; i < oneOffs; i++) {
            corpus.oneOff();
        }
        Collections.shuffle(corpus.prompts, corpus.random);
        return corpus.prompts;
    }

    private void document(int variations) {
        String system = random.nextInt(3) > 0 ? words(30 + random.nextInt(170)) : "";
        String instructions = words(12 + random.nextInt(48));
        int placement = random.nextInt(system.isEmpty() ? 2 : 3);
        String after = random.nextInt(3) == 0 ? "\n\n" + words(8 + random.nextInt(20)) : "";
        template(Shape.DOCUMENT, variations, 50 + random.nextInt(1500), variation -> {
            String document = words(50 + random.nextInt(1950));
            List<ConversationTurn> turns = new ArrayList<>();
            if (placement == 2) {
                turns.add(turn("system", system + "\n\n" + instructions));
                turns.add(turn("user", document + after));
                return turns;
            }
            if (!system.isEmpty()) {
                turns.add(turn("system", system));
            }
            turns.add(turn("user", placement == 0 ? instructions + "\n\n" + document + after
                    : document + "\n\n" + instructions));
            return turns;
        });
    }

    private void fewShot(int variations) {
        String system = random.nextBoolean() ? words(15 + random.nextInt(60)) : "";
        int examples = 2 + random.nextInt(5);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            pairs.add(new String[] {words(3 + random.nextInt(40)), words(1 + random.nextInt(60))});
        }
        boolean asMessages = random.nextBoolean();
        template(Shape.FEW_SHOT, variations, 20 + random.nextInt(200), variation -> {
            String question = words(5 + random.nextInt(30));
            List<ConversationTurn> turns = new ArrayList<>();
            if (!system.isEmpty()) {
                turns.add(turn("system", system));
            }
            if (asMessages) {
                for (String[] pair : pairs) {
                    turns.add(turn("user", pair[0]));
                    turns.add(turn("assistant", pair[1]));
                }
                turns.add(turn("user", question));
            } else {
                StringBuilder user = new StringBuilder();
                for (String[] pair : pairs) {
                    user.append("Q: ").append(pair[0]).append("\nA: ").append(pair[1]).append("\n\n");
                }
                turns.add(turn("user", user.append("Q: ").append(question).append("\nA:").toString()));
            }
            return turns;
        });
    }

    private void shortSlot(int variations) {
        int length = 20 + random.nextInt(61);
        int slot = random.nextInt(length);
        String before = words(slot);
        String after = words(length - slot);
        boolean withSystem = random.nextInt(3) == 0;
        String system = "You are a helpful assistant.";
        template(Shape.SHORT_SLOT, variations, 30 + random.nextInt(400), variation -> {
            String user = (before + " " + words(1 + random.nextInt(4)) + " " + after).strip();
            return withSystem ? List.of(turn("system", system), turn("user", user)) : List.of(turn("user", user));
        });
    }

    private void sharedSystem(int variations, boolean inSystem) {
        String shared = words(150 + random.nextInt(150));
        for (int member = 0; member < 4; member++) {
            String instructions = words(20 + random.nextInt(40));
            template(inSystem ? Shape.SHARED_SYSTEM : Shape.SHARED_SYSTEM_USER_TASK, variations, 50 + random.nextInt(1500), variation -> {
                String input = words(1 + random.nextInt(300));
                return inSystem
                        ? List.of(turn("system", shared + "\n\n" + instructions), turn("user", input))
                        : List.of(turn("system", shared), turn("user", instructions + "\n\n" + input));
            });
        }
    }

    private void growingChat(int variations) {
        String system = words(20 + random.nextInt(130));
        List<ConversationTurn> conversation = new ArrayList<>();
        template(Shape.GROWING_CHAT, variations, 50 + random.nextInt(600), variation -> {
            if (variation % 3 == 0) {
                conversation.clear();
                conversation.add(turn("system", system));
            } else {
                conversation.add(turn("assistant", words(20 + random.nextInt(200))));
            }
            conversation.add(turn("user", words(3 + random.nextInt(60))));
            return List.copyOf(conversation);
        });
    }

    private void rag(int variations) {
        String instructions = words(30 + random.nextInt(50));
        boolean contextInSystem = random.nextInt(3) == 0;
        template(Shape.RAG, variations, 50 + random.nextInt(400), variation -> {
            StringBuilder context = new StringBuilder();
            for (int chunk = 0, chunks = 2 + random.nextInt(4); chunk < chunks; chunk++) {
                context.append("[").append(chunk + 1).append("] ").append(words(60 + random.nextInt(250))).append("\n\n");
            }
            String question = words(5 + random.nextInt(20));
            return contextInSystem
                    ? List.of(turn("system", instructions + "\n\nContext:\n" + context), turn("user", question))
                    : List.of(turn("system", instructions),
                            turn("user", "Context:\n" + context + "Question: " + question + "\nAnswer:"));
        });
    }

    private void tools(int variations) {
        StringBuilder definitions = new StringBuilder("[");
        for (int tool = 0, tools = 1 + random.nextInt(5); tool < tools; tool++) {
            definitions.append("{\"type\":\"function\",\"function\":{\"name\":\"").append(words(1).replace(' ', '_'))
                    .append("\",\"description\":\"").append(words(8 + random.nextInt(25)))
                    .append("\",\"parameters\":{\"type\":\"object\",\"properties\":{\"").append(words(1))
                    .append("\":{\"type\":\"string\",\"description\":\"").append(words(4 + random.nextInt(10)))
                    .append("\"}}}}},");
        }
        String tools = definitions.append("]").toString();
        String system = random.nextBoolean() ? words(10 + random.nextInt(60)) : "";
        template(Shape.TOOLS, variations, 20 + random.nextInt(150), variation -> {
            List<ConversationTurn> turns = new ArrayList<>();
            turns.add(turn("tools", tools));
            if (!system.isEmpty()) {
                turns.add(turn("system", system));
            }
            turns.add(turn("user", words(4 + random.nextInt(40))));
            return turns;
        });
    }

    private void oneOff() {
        List<ConversationTurn> turns = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            turns.add(turn("system", "You are a helpful assistant."));
        }
        turns.add(turn("user", words(5 + random.nextInt(500))));
        prompts.add(prompt(turns, Shape.ONE_OFF, nextOneOff--, 50 + random.nextInt(1000)));
    }

    private void template(Shape shape, int variations, int answerMean, IntFunction<List<ConversationTurn>> variation) {
        int template = nextTemplate++;
        for (int i = 0; i < variations; i++) {
            prompts.add(prompt(variation.apply(i), shape, template, answerMean));
        }
    }

    private Prompt prompt(List<ConversationTurn> turns, Shape shape, int template, int answerMean) {
        int chars = 0;
        for (ConversationTurn turn : turns) {
            chars += turn.role().length() + turn.text().length() + 3;
        }
        int promptTokens = (int) Math.round(Math.ceil(chars / TokenRatios.DEFAULT) * (0.9 + 0.2 * random.nextDouble()));
        return new Prompt(turns, shape, template, promptTokens, noisy(answerMean));
    }

    private static ConversationTurn turn(String role, String text) {
        return new ConversationTurn(role, text);
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
