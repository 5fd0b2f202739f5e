package io.github.ollamaproxy.rag;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Corrective RAG ({@code /rag}): how much is retrieved, the two thresholds of the evaluator, the
 * refinement, and the optional LLM grader and query rewriter.
 *
 * @param candidates      chunks retrieved and evaluated per question
 * @param maxSources      sources (local and web together) given to the model
 * @param upperThreshold  confidence from which the local knowledge is taken as correct
 * @param lowerThreshold  confidence below which it is taken as incorrect; in between is ambiguous
 * @param strips          strips (groups of sentences) kept from the local sources
 * @param stripSentences  sentences per strip
 * @param instructions    the text before the sources in the system message
 * @param llmTimeout      how long the grader and the rewriter may take per call
 * @param grader          the optional LLM grader of ambiguous chunks
 * @param rewriter        the optional LLM rewriter of web queries
 */
@ConfigurationProperties("ollama-proxy.rag")
public record RagProperties(
        @DefaultValue("8") int candidates,
        @DefaultValue("5") int maxSources,
        @DefaultValue("0.6") double upperThreshold,
        @DefaultValue("0.35") double lowerThreshold,
        @DefaultValue("8") int strips,
        @DefaultValue("2") int stripSentences,
        @DefaultValue(DEFAULT_INSTRUCTIONS) String instructions,
        @DefaultValue("30s") Duration llmTimeout,
        @DefaultValue Grader grader,
        @DefaultValue Rewriter rewriter) {

    static final String DEFAULT_INSTRUCTIONS = "Answer the user's question with the help of the numbered sources "
            + "below. Cite the sources you use as [1], [2], and so on. If the sources do not contain the answer, "
            + "say so instead of guessing.";

    public RagProperties {
        if (candidates < 1 || maxSources < 1 || strips < 1 || stripSentences < 1) {
            throw new IllegalArgumentException("ollama-proxy.rag: candidates, max-sources, strips and "
                    + "strip-sentences must be at least 1");
        }
        if (lowerThreshold < 0 || upperThreshold > 1 || lowerThreshold > upperThreshold) {
            throw new IllegalArgumentException("ollama-proxy.rag: 0 <= lower-threshold <= upper-threshold <= 1");
        }
    }

    /**
     * The LLM that grades chunks the lexical evaluator finds ambiguous, one chunk per call.
     *
     * @param model     the Ollama model; empty (the default) grades without an LLM
     * @param prompt    the prompt, with {@code {question}} and {@code {document}}
     * @param maxChunks ambiguous chunks graded per question at most
     * @param maxChars  characters of a chunk sent to the grader at most
     */
    public record Grader(
            @DefaultValue("") String model,
            @DefaultValue(DEFAULT_GRADER_PROMPT) String prompt,
            @DefaultValue("3") int maxChunks,
            @DefaultValue("2000") int maxChars) {

        static final String DEFAULT_GRADER_PROMPT = "You grade search results. Question: {question}\n\n"
                + "Document:\n{document}\n\nDoes the document contain information that helps answer the question? "
                + "Answer in JSON: {\"relevant\": true} or {\"relevant\": false}.";

        /** Whether an LLM grades ambiguous chunks. */
        public boolean enabled() {
            return model != null && !model.isBlank();
        }
    }

    /**
     * The LLM that turns a question into a web search query.
     *
     * @param model  the Ollama model; empty (the default) keeps the question's keywords
     * @param prompt the prompt, with {@code {question}}
     */
    public record Rewriter(
            @DefaultValue("") String model,
            @DefaultValue(DEFAULT_REWRITER_PROMPT) String prompt) {

        static final String DEFAULT_REWRITER_PROMPT = "Rewrite this question as a short web search query of a few "
                + "keywords. Reply with the query only, on one line.\n\nQuestion: {question}";

        /** Whether an LLM rewrites queries. */
        public boolean enabled() {
            return model != null && !model.isBlank();
        }
    }
}
