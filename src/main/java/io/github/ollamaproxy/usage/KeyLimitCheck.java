package io.github.ollamaproxy.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.security.ApiKey;
import io.github.ollamaproxy.security.KeyLimits;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorClassifier;
import io.github.ollamaproxy.web.ProxyException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses a request its key may not make: a model outside the key's list (403) or a key that used
 * its tokens for this minute or today (429, with the seconds until the window turns in
 * {@value ExchangeVariables#RETRY_AFTER}). The requests-per-minute limit is Camel's throttle in
 * {@code llm-pipeline.camel.yaml}.
 */
@Component("checkKeyLimits")
public class KeyLimitCheck implements Processor {

    static final String MODEL_NOT_ALLOWED = "model_not_allowed";

    private final UsageLedger ledger;
    private final Clock clock;

    @Autowired
    public KeyLimitCheck(UsageLedger ledger) {
        this(ledger, Clock.systemUTC());
    }

    KeyLimitCheck(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        ApiKey key = exchange.getVariable(ExchangeVariables.API_KEY, ApiKey.class);
        if (key == null) {
            return;
        }
        KeyLimits limits = key.limits();
        String model = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class).model();
        if (!limits.allowsModel(model)) {
            throw new ProxyException(new ApiError(403, "API key " + key.id() + " may not use model '" + model
                    + "'; it may use " + String.join(", ", limits.models()), MODEL_NOT_ALLOWED, "model"));
        }
        long now = clock.millis();
        if (limits.tokensPerMinute() != null && ledger.tokensThisMinute(key.id()) >= limits.tokensPerMinute()) {
            refuse(exchange, key.id() + " used its " + limits.tokensPerMinute() + " tokens for this minute",
                    60 - (now / 1000) % 60);
        }
        if (limits.tokensPerDay() != null && ledger.tokensToday(key.id()) >= limits.tokensPerDay()) {
            long midnight = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay()
                    .toEpochSecond(ZoneOffset.UTC);
            refuse(exchange, key.id() + " used its " + limits.tokensPerDay() + " tokens for today (UTC)",
                    midnight - now / 1000);
        }
    }

    private static void refuse(Exchange exchange, String what, long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        exchange.setVariable(ExchangeVariables.RETRY_AFTER, seconds);
        throw new ProxyException(new ApiError(429, "API key " + what + "; retry in " + seconds + " s",
                ErrorClassifier.RATE_LIMIT_EXCEEDED, null));
    }
}
