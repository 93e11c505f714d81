package com.ezscale.billing.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.cli.CommandProgress.Snapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a progress line says, for what a command's jobs are doing: a table. */
class CommandProgressTest {

    record Row(Snapshot snapshot, String line) {}

    static Snapshot step(String step, long items, int seconds, Long total) {
        return new Snapshot(
                "invoiceRun", "2026-12-01", step, items, Duration.ofSeconds(seconds), total, null, 0, 0, Duration.ZERO);
    }

    @Test
    void linesSayTheStepItemsRateAndEtaWhereTheTotalIsKnown() {
        List<Row> table = List.of(
                new Row(step("generateInvoices", 0, 0, null), "invoiceRun 2026-12-01: generateInvoices 0 items"),
                new Row(
                        step("generateInvoices", 12_000, 4, null),
                        "invoiceRun 2026-12-01: generateInvoices 12,000 items, 3,000/s"),
                new Row(
                        step("writeReport", 2_500, 5, 10_000L),
                        "invoiceRun 2026-12-01: writeReport 2,500/10,000 items, 500/s, ETA 15s"),
                new Row(
                        step("writeReport", 100, 60, 10_000L),
                        "invoiceRun 2026-12-01: writeReport 100/10,000 items, 2/s, ETA 1h39m"),
                new Row(
                        new Snapshot(
                                "nightly",
                                "2026-11-03",
                                "dunning",
                                40,
                                Duration.ofSeconds(2),
                                null,
                                "day",
                                3,
                                92,
                                Duration.ofSeconds(30)),
                        "day 3/92 (ETA 14m50s) · nightly 2026-11-03: dunning 40 items, 20/s"),
                new Row(
                        new Snapshot(null, null, null, 0, Duration.ZERO, null, "day", 0, 92, Duration.ofSeconds(3)),
                        "day 0/92"),
                new Row(new Snapshot(null, null, null, 0, Duration.ZERO, null, null, 0, 0, Duration.ZERO), ""));
        for (Row row : table) {
            assertThat(CommandProgress.line(row.snapshot()))
                    .as(row.snapshot().toString())
                    .isEqualTo(row.line());
        }
    }

    @Test
    void etaIsTheTimeLeftAtTheRateSoFar() {
        assertThat(CommandProgress.eta(0, 10, Duration.ofSeconds(5))).isNull();
        assertThat(CommandProgress.eta(5, 10, Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(CommandProgress.eta(10, 10, Duration.ofSeconds(5))).isEqualTo("0s");
        assertThat(CommandProgress.eta(1, 100, Duration.ofSeconds(2))).isEqualTo("3m18s");
    }
}
