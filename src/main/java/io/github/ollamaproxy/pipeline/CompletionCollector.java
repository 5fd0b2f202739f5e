package io.github.ollamaproxy.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.Completion;
import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.chain.AgentPlan;
import io.github.ollamaproxy.upstream.RelayInputStream;
import io.github.ollamaproxy.web.JsonCodec;

/**
 * Watches a streamed native answer as it is relayed: collects the text and keeps the final
 * {@code "done": true} line with its metrics; when the stream ends normally, hands both to the
 * agents' completion steps. A stream that carried an error line completes nothing.
 */
final class CompletionCollector implements RelayInputStream.LineObserver {

    private final JsonCodec json;
    private final CompletionDispatcher dispatcher;
    private final AgentPlan plan;
    private final LlmRequest request;
    private final StringBuilder text = new StringBuilder();
    private ObjectNode finalLine;
    private boolean failed;

    CompletionCollector(JsonCodec json, CompletionDispatcher dispatcher, AgentPlan plan,
            LlmRequest request) {
        this.json = json;
        this.dispatcher = dispatcher;
        this.plan = plan;
        this.request = request;
    }

    @Override
    public void onLine(byte[] bytes) {
        ObjectNode line = json.readUpstreamObject(bytes);
        if (line == null) {
            return;
        }
        if (line.hasNonNull("error")) {
            failed = true;
            return;
        }
        text.append(request.endpoint() == Endpoint.CHAT
                ? line.path("message").path("content").asText("")
                : line.path("response").asText(""));
        if (line.path("done").asBoolean(false)) {
            finalLine = line;
        }
    }

    @Override
    public void onEnd() {
        if (finalLine != null && !failed) {
            dispatcher.dispatch(plan, request, new Completion(text.toString(), finalLine, true));
        }
    }
}
