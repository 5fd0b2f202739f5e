package io.github.ollamaproxy.rag;

import java.util.Locale;

/** The action corrective RAG takes for a question, from the confidence in what was retrieved. */
public enum RagAction {
    /** The local knowledge is relevant: it is refined and used alone. */
    CORRECT,
    /** It may be relevant: refined local knowledge and web results are used together. */
    AMBIGUOUS,
    /** It is not relevant: web results are used instead. */
    INCORRECT;

    /** The lower-case name used in headers, JSON and metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
