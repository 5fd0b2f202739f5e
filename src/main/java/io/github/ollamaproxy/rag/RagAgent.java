package io.github.ollamaproxy.rag;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.LlmRequest;
import org.springframework.stereotype.Component;

/**
 * {@code /rag}: answers from the knowledge base, corrected with a web search when it is not
 * relevant enough ({@link CorrectiveRag}). The sources go in a system message (the {@code system}
 * field for generate) after the command is stripped; the user's question stays as written. The
 * response header {@value #HEADER} says what was done. Its place among the agents, time limit and
 * circuit breaker are in {@code routes/agents/rag.camel.yaml}.
 */
@Component
public class RagAgent implements Agent {

    /** The response header reporting the action, the confidence and the number of sources. */
    public static final String HEADER = LlmRequest.RESPONSE_HEADER_PREFIX + "Rag";

    /**
     * The request attribute that limits the knowledge base to the files whose path starts with
     * its value (e.g. {@code guides/} or {@code troubleshooting.md}); set it in a YAML agent that
     * calls {@code /rag}: {@code ${body.setAttribute('rag.scope', 'guides/')}}.
     */
    public static final String SCOPE_ATTRIBUTE = "rag.scope";

    private final CorrectiveRag rag;
    private final RagProperties properties;

    public RagAgent(CorrectiveRag rag, RagProperties properties) {
        this.rag = rag;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "rag";
    }

    @Override
    public String description() {
        return "Answers from the knowledge base (Lucene), corrected with a web search when it is not relevant enough";
    }

    @Override
    public void onRequest(LlmRequest request) {
        String question = request.userText().orElse("").strip();
        if (question.isEmpty()) {
            request.putResponseHeader(HEADER, "action=none; reason=no question after /rag");
            return;
        }
        Object scope = request.attributes().get(SCOPE_ATTRIBUTE);
        RagOutcome outcome = rag.answer(question, scope == null ? "" : scope.toString());
        if (!outcome.sources().isEmpty()) {
            request.addSystemMessage(RagPrompt.render(properties.instructions(), outcome.sources()));
        }
        request.putResponseHeader(HEADER, outcome.headerValue());
    }
}
