package io.github.ollamaproxy.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.security.ApiKey;
import io.github.ollamaproxy.upstream.RelayInputStream;
import io.github.ollamaproxy.web.AccessRecord;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link UsageLedger} from Ollama's answers to requests made with a key: a request when
 * the answer begins, an error for an error status, and the tokens of the final line of a stream or
 * of a whole answer. Requests without a key (keys off, message-driven entry points) are not counted.
 * Also gives the access log its model and tokens.
 */
@Component
public class UsageTaps {

    private final UsageLedger ledger;
    private final JsonCodec json;

    public UsageTaps(UsageLedger ledger, JsonCodec json) {
        this.ledger = ledger;
        this.json = json;
    }

    /** Counts an answer that began with {@code status}; null when the request had no key. */
    public Usage begin(Exchange exchange, int status) {
        ApiKey key = exchange.getVariable(ExchangeVariables.API_KEY, ApiKey.class);
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        AccessRecord record = exchange.getVariable(ExchangeVariables.ACCESS_RECORD, AccessRecord.class);
        if (record != null && request != null) {
            record.model(request.model());
        }
        if (key == null || request == null) {
            return null;
        }
        String model = request.model();
        ledger.requested(key.id(), model);
        if (status / 100 != 2) {
            ledger.failed(key.id(), model);
            return null;
        }
        return new Usage(key.id(), model, record);
    }

    /** The tokens of one answer, once Ollama reported them. */
    public final class Usage implements RelayInputStream.LineObserver {

        private final String key;
        private final String model;
        private final AccessRecord record;
        private byte[] lastLine;

        private Usage(String key, String model, AccessRecord record) {
            this.key = key;
            this.model = model;
            this.record = record;
        }

        /** A whole (non-streamed) answer. */
        public void answered(ObjectNode answer) {
            long prompt = answer.path("prompt_eval_count").asLong(0);
            long completion = answer.path("eval_count").asLong(0);
            ledger.tokens(key, model, prompt, completion);
            if (record != null) {
                record.tokens(prompt, completion);
            }
        }

        @Override
        public void onLine(byte[] line) {
            lastLine = line;
        }

        @Override
        public void onEnd() {
            ObjectNode last = lastLine == null ? null : json.readUpstreamObject(lastLine);
            if (last != null) {
                answered(last);
            }
        }
    }
}
