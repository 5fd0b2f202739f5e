package io.github.ollamaproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaproxy.agent.Endpoint;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.security.ApiKey;
import io.github.ollamaproxy.security.KeyLimits;
import io.github.ollamaproxy.security.Scope;
import io.github.ollamaproxy.web.ProxyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token budgets per minute and per day, and the ledger's bound on model names, on a fixed clock. */
class KeyLimitCheckTests {

    private static final Clock AT_10_00_45 = Clock.fixed(Instant.parse("2026-11-28T10:00:45Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void aKeyOverItsMinuteBudgetWaitsForTheNextMinute() {
        MovableClock clock = new MovableClock(AT_10_00_45.instant());
        UsageLedger ledger = new UsageLedger(folder.resolve("usage.json"), clock, new SimpleMeterRegistry());
        KeyLimitCheck check = new KeyLimitCheck(ledger, clock);
        ApiKey key = key(new KeyLimits(null, 100L, null, null, List.of()));
        ledger.tokens(key.id(), "m", 60, 39);
        check.process(exchange(key));

        ledger.tokens(key.id(), "m", 0, 1);
        Exchange over = exchange(key);
        assertThatThrownBy(() -> check.process(over))
                .isInstanceOfSatisfying(ProxyException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(429);
                    assertThat(e.error().message()).contains("100 tokens for this minute").contains("retry in 15 s");
                });
        assertThat(over.getVariable(ExchangeVariables.RETRY_AFTER, Long.class)).isEqualTo(15L);

        clock.now = clock.now.plusSeconds(15);
        check.process(exchange(key));
        assertThat(ledger.tokensThisMinute(key.id())).isZero();
        assertThat(ledger.tokensToday(key.id())).isEqualTo(100);
    }

    @Test
    void aKeyOverItsDayBudgetWaitsUntilMidnightUtc() {
        UsageLedger ledger = new UsageLedger(folder.resolve("usage.json"), AT_10_00_45, new SimpleMeterRegistry());
        ApiKey key = key(new KeyLimits(null, null, 50L, null, List.of()));
        ledger.tokens(key.id(), "a", 20, 10);
        ledger.tokens(key.id(), "b", 10, 10);
        Exchange over = exchange(key);

        assertThatThrownBy(() -> new KeyLimitCheck(ledger, AT_10_00_45).process(over))
                .hasMessageContaining("50 tokens for today");
        assertThat(over.getVariable(ExchangeVariables.RETRY_AFTER, Long.class)).isEqualTo(14 * 3600 - 45L);
    }

    @Test
    void modelsBeyondTheDailyBoundAreCountedTogether() {
        UsageLedger ledger = new UsageLedger(folder.resolve("usage.json"), AT_10_00_45, new SimpleMeterRegistry());
        for (int i = 0; i < UsageLedger.MAX_MODELS_PER_KEY_AND_DAY + 5; i++) {
            ledger.requested("k", "model-" + i);
        }

        List<String> models = ledger.rows("k", null, null).stream().map(UsageRow::model).toList();
        assertThat(models).hasSize(UsageLedger.MAX_MODELS_PER_KEY_AND_DAY + 1).contains(UsageLedger.OTHER_MODELS);
        assertThat(ledger.rows("k", UsageLedger.OTHER_MODELS, null).get(0).requests()).isEqualTo(5);
    }

    private static ApiKey key(KeyLimits limits) {
        return new ApiKey("key_1", "", "sha256:x", Set.of(Scope.INFERENCE), limits);
    }

    private static Exchange exchange(ApiKey key) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setVariable(ExchangeVariables.API_KEY, key);
        exchange.setVariable(ExchangeVariables.REQUEST, new LlmRequest(Endpoint.CHAT, new ObjectMapper()
                .createObjectNode().put("model", "m")));
        return exchange;
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
