package io.github.ollamaproxy.usage;

import java.util.List;

import org.springframework.stereotype.Component;

/** {@code GET /usage?key=&model=&day=}: the usage counters, filtered. */
@Component("usageReport")
public class UsageReport {

    /** The report: one row per key, model and day. */
    public record Report(List<UsageRow> usage) {
    }

    private final UsageLedger ledger;

    public UsageReport(UsageLedger ledger) {
        this.ledger = ledger;
    }

    public Report list(String key, String model, String day) {
        return new Report(ledger.rows(blankToNull(key), blankToNull(model), blankToNull(day)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
