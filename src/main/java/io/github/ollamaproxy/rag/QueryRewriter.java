package io.github.ollamaproxy.rag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.knowledge.TextAnalysis;
import io.github.ollamaproxy.upstream.UpstreamClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a question into a web search query: its keywords (the words that are not stop words, in
 * order, at most {@value #MAX_KEYWORDS}), or, when a rewriter model is configured, the first line of
 * that model's answer, falling back to the keywords when the model fails or answers nothing usable.
 * It always starts from the user's question, never from an earlier rewrite.
 */
@Component
public class QueryRewriter {

    static final int MAX_KEYWORDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(QueryRewriter.class);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[._+#'-][\\p{L}\\p{N}]+)*[+#]*");
    private static final Pattern PREAMBLE = Pattern.compile(
            "(?i)^(here|the|this|sure|okay|ok|a|an|in|search query|query)\\b.*");
    private static final int MAX_QUERY_CHARS = 200;

    private final RagProperties.Rewriter rewriter;
    private final RagProperties properties;
    private final UpstreamClient upstream;

    public QueryRewriter(RagProperties properties, UpstreamClient upstream) {
        this.properties = properties;
        this.rewriter = properties.rewriter();
        this.upstream = upstream;
    }

    /** The web search query for a question. */
    public String rewrite(String question) {
        String keywords = keywords(question);
        if (!rewriter.enabled()) {
            return keywords;
        }
        try {
            ObjectNode request = upstream.newObject().put("model", rewriter.model())
                    .put("prompt", rewriter.prompt().replace("{question}", question)).put("stream", false);
            request.putObject("options").put("temperature", 0).put("num_predict", 48);
            String answer = upstream.post("/api/generate", request, properties.llmTimeout()).path("response")
                    .asText("");
            String query = firstQueryLine(answer);
            return query.isEmpty() ? keywords : query;
        } catch (RuntimeException e) {
            LOG.debug("Query rewriting with {} failed, using keywords: {}", rewriter.model(), e.getMessage());
            return keywords;
        }
    }

    /** The question's keywords, or the question itself when it has none. */
    public static String keywords(String question) {
        List<String> keywords = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Matcher words = WORD.matcher(question);
        while (words.find() && keywords.size() < MAX_KEYWORDS) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            if (!TextAnalysis.isStopWord(lower) && seen.add(lower)) {
                keywords.add(word);
            }
        }
        return keywords.isEmpty() ? question.strip() : String.join(" ", keywords);
    }

    /** The first line of a model's answer that looks like a query rather than a preamble. */
    static String firstQueryLine(String answer) {
        String fallback = "";
        for (String line : answer.split("\\R")) {
            String candidate = line.strip().replaceAll("^[\"'`*-]+|[\"'`*]+$", "").strip();
            if (candidate.isEmpty()) {
                continue;
            }
            if (fallback.isEmpty()) {
                fallback = candidate;
            }
            if (!PREAMBLE.matcher(candidate).matches() && !candidate.endsWith(":")) {
                return cap(candidate);
            }
        }
        return cap(fallback);
    }

    private static String cap(String query) {
        return query.length() <= MAX_QUERY_CHARS ? query : query.substring(0, MAX_QUERY_CHARS).strip();
    }
}
