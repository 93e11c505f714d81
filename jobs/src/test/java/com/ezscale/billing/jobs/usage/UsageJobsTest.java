package com.ezscale.billing.jobs.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.usage.UsageReads;
import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.UsageDayRow;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class UsageJobsTest extends DatabaseTest {

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pruneUsageDropsWhatIsOlderThanTheRetentionWindowOnly() {
        LocalDate asOf = LocalDate.parse("2026-11-25");
        LocalDate cutoff = asOf.minusMonths(25); // default retention
        long cutoffBucket = cutoff.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 300;
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) VALUES (1, ?, 1, 1), (1, ?, 2, 2), (2, ?, 3, 3)",
                cutoffBucket - 1,
                cutoffBucket,
                cutoffBucket + 5000);
        jdbc.update(
                "INSERT INTO unattributed_traffic (ip, day, bytes_in, bytes_out, flows) VALUES (X'C0000201', ?, 1, 0, 1), (X'C0000201', ?, 1, 0, 1)",
                cutoff.minusDays(1),
                cutoff);

        JobExecution execution = runner.run(UsageJobConfig.PRUNE_USAGE, asOf, "test");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT bucket FROM usage_sample ORDER BY bucket", Long.class))
                .containsExactly(cutoffBucket, cutoffBucket + 5000);
        assertThat(jdbc.queryForList("SELECT day FROM unattributed_traffic", Date.class))
                .extracting(Date::toLocalDate)
                .containsExactly(cutoff);
    }

    @Test
    void esIngestWithoutElasticsearchConfiguredSaysSoAndChangesNothing() {
        JobExecution execution = runner.run(
                UsageJobConfig.ES_INGEST,
                LocalDate.parse("2026-11-25"),
                Map.of("from", LocalDate.parse("2026-11-01"), "to", LocalDate.parse("2026-11-25")),
                "test");
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions())
                .singleElement()
                .satisfies(s ->
                        assertThat(s.getExitStatus().getExitDescription()).contains("no Elasticsearch configured"));
    }

    @Autowired
    UsageReads reads;

    @Autowired
    UsageStatements statements;

    /** 60 services × 4 days of samples, one bucket in 13 missing, set-based. */
    private void fourDays(LocalDate first) {
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out)"
                        + " SELECT s.seq, ? + b.seq, (s.seq * 7919 + b.seq * 104729) % 750000000,"
                        + " (s.seq * 104729 + b.seq * 7919 * b.seq) % 375000000"
                        + " FROM seq_501_to_560 s, seq_0_to_1151 b WHERE (s.seq + b.seq) % 13 <> 0",
                UsageDay.firstBucket(first.toEpochDay()));
    }

    /** Per service and day: bytes in and out wherever they are stored. */
    private Map<String, String> bytesPerServiceAndDay() {
        Map<String, String> totals = new TreeMap<>();
        jdbc.query(
                "SELECT subscription_id, d, SUM(i), SUM(o) FROM ("
                        + "SELECT subscription_id, bucket DIV 288 AS d, bytes_in AS i, bytes_out AS o FROM usage_sample"
                        + " UNION ALL SELECT subscription_id, TO_DAYS(day) - TO_DAYS('1970-01-01'), bytes_in, bytes_out"
                        + " FROM usage_day) u WHERE subscription_id BETWEEN 501 AND 560 GROUP BY 1, 2",
                rs -> {
                    totals.put(rs.getLong(1) + "@" + rs.getLong(2), rs.getLong(3) + "/" + rs.getLong(4));
                });
        return totals;
    }

    private Map<String, String> dayRows() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.query(
                "SELECT subscription_id, day, CONCAT_WS(' ', buckets, bytes_in, bytes_out, weighted, HEX(counters))"
                        + " FROM usage_day WHERE subscription_id BETWEEN 501 AND 560",
                rs -> {
                    rows.put(rs.getLong(1) + "@" + rs.getString(2), rs.getString(3));
                });
        return rows;
    }

    /**
     * A pass that dies in its second page (a trigger refuses service 537's first day row, as a node
     * dying there would roll that transaction back) and is restarted as the README says ends with
     * the day rows one uninterrupted pass writes: each one equal to the encoding of that day's
     * samples, read before the fold.
     */
    @Test
    void aPassThatDiesHalfwayAndIsRestartedEndsWithTheRowsOfOnePass() {
        LocalDate first = LocalDate.parse("2026-10-10");
        LocalDate asOf = first.plusDays(5);
        jdbc.update("DELETE FROM usage_sample WHERE subscription_id BETWEEN 501 AND 560");
        fourDays(first);
        Map<String, String> bytes = bytesPerServiceAndDay();
        Map<String, String> expected = new TreeMap<>();
        for (long service = 501; service <= 560; service++) {
            for (int d = 0; d < 4; d++) {
                LocalDate day = first.plusDays(d);
                long from = UsageDay.firstBucket(day.toEpochDay());
                UsageSeries s = reads.series(service, from, from + UsageDay.BUCKETS);
                UsageDayRow row = UsageDayRow.of(service, day, s.bytesIn(), s.bytesOut());
                expected.put(
                        service + "@" + day,
                        row.buckets() + " " + row.bytesIn() + " " + row.bytesOut() + " " + row.weighted() + " "
                                + HexFormat.of().withUpperCase().formatHex(row.counters()));
            }
        }
        jdbc.execute("CREATE TRIGGER usage_day_dies BEFORE INSERT ON usage_day FOR EACH ROW BEGIN"
                + " IF NEW.subscription_id = 537 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the node died here';"
                + " END IF; END");
        JobExecution died;
        try {
            died = runner.run(UsageJobConfig.COMPACT_USAGE, asOf, "test");
            assertThat(died.getStatus()).isEqualTo(BatchStatus.FAILED);
        } finally {
            jdbc.execute("DROP TRIGGER usage_day_dies");
        }
        assertThat(bytesPerServiceAndDay())
                .as("bytes per service and day after the crash")
                .isEqualTo(bytes);
        assertThat(dayRows().keySet())
                .as("the first page committed, the one holding 537 rolled back")
                .contains("501@2026-10-10", "501@2026-10-13")
                .doesNotContain("537@2026-10-10", "538@2026-10-10");

        JobExecution restarted = runner.restart(died.getId(), "test");

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).as("the same run, restarted").isEqualTo(died.getJobInstanceId());
        assertThat(bytesPerServiceAndDay()).isEqualTo(bytes);
        assertThat(dayRows()).isEqualTo(expected);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM usage_sample WHERE subscription_id BETWEEN 501 AND 560", Long.class))
                .isZero();
    }

    @Test
    void pruningDropsFoldedDaysPastTheRetentionWindow() {
        LocalDate asOf = LocalDate.parse("2026-11-26");
        LocalDate cutoff = asOf.minusMonths(25);
        jdbc.update("DELETE FROM usage_sample WHERE subscription_id BETWEEN 501 AND 560");
        fourDays(cutoff.minusDays(2)); // two days before the cutoff, two from it
        assertThat(runner.run(UsageJobConfig.COMPACT_USAGE, asOf, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(dayRows()).hasSize(60 * 4);

        assertThat(runner.run(UsageJobConfig.PRUNE_USAGE, asOf, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT day FROM usage_day WHERE subscription_id BETWEEN 501 AND 560 ORDER BY day",
                        Date.class))
                .extracting(Date::toLocalDate)
                .containsExactly(cutoff, cutoff.plusDays(1));
        jdbc.update("DELETE FROM usage_day WHERE subscription_id BETWEEN 501 AND 560");
    }

    /** A service with a 10 Mbps commit and a 100 GB quota from {@code start}, with samples over October (one bucket in 101 missing). */
    private void meteredOctober(long service, String start) {
        jdbc.update("INSERT IGNORE INTO customer (id, name, email, country, billing_currency, status, created_at)"
                + " VALUES (77, 'Metered', 'm@example.com', 'US', 'USD', 'ACTIVE', '2026-01-01')");
        jdbc.update("INSERT IGNORE INTO product (id, code, name, kind, seller_entity_id)"
                + " VALUES (77, 'ded', 'Dedicated', 'DEDICATED', 1)");
        jdbc.update("INSERT IGNORE INTO plan (id, product_id, code, name) VALUES (77, 77, 'ded-95', 'Dedicated 95th')");
        jdbc.update("INSERT IGNORE INTO plan_usage_terms (plan_id, commit_mbps, quota_included, quota_unit)"
                + " VALUES (77, 10, 100, 'GB')");
        jdbc.update("INSERT IGNORE INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price) VALUES "
                + "(77, 'USD', 'MBPS', 1, NULL, 2.00), (77, 'USD', 'TRANSFER', 1, NULL, 0.01)");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date,"
                        + " next_period_start, created_at) VALUES (?, 77, 77, 'MONTHLY', 'ACTIVE', 1, ?, '2026-12-01', NOW(6))",
                service,
                LocalDate.parse(start));
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out)"
                        + " SELECT ?, ? + seq, 100000000 + ROUND(90000000 * SIN(MOD(seq, 288) / 288 * 2 * PI()))"
                        + " + IF(MOD(seq * 7919, 97) = 0, 200000000, 0), MOD(seq * 104729, 30000000)"
                        + " FROM seq_0_to_8927 WHERE MOD(seq, 101) <> 0",
                service,
                UsageDay.firstBucket(LocalDate.parse("2026-10-01").toEpochDay()));
    }

    /**
     * Folding a rated month changes nothing rateUsage sees (no new revision); bytes arriving later
     * for a folded day change its fingerprint, and the next rateUsage rates the month again.
     */
    @Test
    void foldingARatedMonthMakesNoRevisionButLateBytesForAFoldedDayDo() {
        meteredOctober(778, "2026-10-01");
        String revisions = "SELECT GROUP_CONCAT(CONCAT(revision, ':', bytes_in) ORDER BY revision) FROM rated_usage"
                + " WHERE subscription_id = 778 AND period_start = '2026-10-01'";
        assertThat(runner.run("rateUsage", LocalDate.parse("2026-11-02"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        String rated = jdbc.queryForObject(revisions, String.class);
        assertThat(rated).startsWith("0:");

        assertThat(runner.run(UsageJobConfig.COMPACT_USAGE, LocalDate.parse("2026-11-06"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_sample WHERE subscription_id = 778", Long.class))
                .isZero();
        runner.run("rateUsage", LocalDate.parse("2026-11-03"), "test");
        assertThat(jdbc.queryForObject(revisions, String.class))
                .as("the folded month is the same month")
                .isEqualTo(rated);

        long bytesIn = Long.parseLong(rated.substring(2));
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) VALUES (778, ?, 5, 0)",
                UsageDay.firstBucket(LocalDate.parse("2026-10-20").toEpochDay()) + 7);
        runner.run("rateUsage", LocalDate.parse("2026-11-04"), "test");
        assertThat(jdbc.queryForObject(revisions, String.class)).isEqualTo(rated + ",1:" + (bytesIn + 5));
        jdbc.update("DELETE FROM usage_sample WHERE subscription_id = 778");
    }

    /** What the `usage` command prints and writes comes from the statement: its series, rating and CSV. */
    @Test
    void aUsageStatementAndItsCsvAreTheSameBeforeAndAfterTheMonthIsFolded() throws Exception {
        YearMonth october = YearMonth.of(2026, 10);
        meteredOctober(777, "2026-10-06");
        UsageStatements.Statement before = statements.statement(777, october);
        StringBuilder csvBefore = new StringBuilder();
        before.writeCsv(csvBefore);

        assertThat(runner.run(UsageJobConfig.COMPACT_USAGE, LocalDate.parse("2026-11-05"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_day WHERE subscription_id = 777", Long.class))
                .as("every day of October with samples")
                .isEqualTo(31);
        UsageStatements.Statement after = statements.statement(777, october);
        StringBuilder csvAfter = new StringBuilder();
        after.writeCsv(csvAfter);

        assertThat(after.series().bytesIn()).isEqualTo(before.series().bytesIn());
        assertThat(after.series().bytesOut()).isEqualTo(before.series().bytesOut());
        assertThat(after.rating()).isEqualTo(before.rating());
        assertThat(csvAfter.toString()).isEqualTo(csvBefore.toString());
        assertThat(csvAfter.toString().lines().count())
                .as("26 days from the 6th, and the header")
                .isEqualTo(26 * 288 + 1);
    }
}
