package com.ezscale.billing.jobs.rating;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.RatingMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * rateUsage on the real database: a closed month is rated once with its evidence, a rerun adds
 * nothing, late samples add the next revision with the new numbers, a service whose usage cannot
 * be priced in its currency is parked with the reason.
 */
class RateUsageJobTest extends DatabaseTest {

    static final LocalDate OCTOBER = LocalDate.parse("2026-10-01");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-02");

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RatingMapper ratings;

    @Test
    void aClosedMonthIsRatedBilledInArrearsAndLateDataBecomesACorrectionLine() {
        jdbc.update(
                "INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'ded', 'Dedicated', 'DEDICATED', 1)");
        jdbc.update(
                "INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'ded-10g-commit', 'Dedicated 10G, 10 Mbps commit')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 199, 0)");
        jdbc.update(
                "INSERT INTO plan_usage_terms (plan_id, commit_mbps, quota_included, quota_unit) VALUES (1, 10, 1000, 'GB')");
        jdbc.update("INSERT INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price) VALUES "
                + "(1, 'USD', 'MBPS', 1, NULL, 2.00), (1, 'USD', 'TRANSFER', 1, NULL, 0.01)");
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES "
                        + "(1, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6)), (2, 'Bo', 'bo@example.com', 'DE', 'EUR', 'ACTIVE', NOW(6))");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) VALUES "
                        + "(11, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-10-01', NOW(6)), (12, 2, 1, 'MONTHLY', 'ACTIVE', 1, '2026-10-01', NOW(6))");
        jdbc.update(
                "INSERT INTO webhook_endpoint (customer_id, url, secret, events, enabled, created_by, created_at) VALUES"
                        + " (1, 'https://ada.example/hook', 'whsec_a', 'bandwidth.threshold_reached', TRUE, 'ada', NOW()),"
                        + " (1, 'https://ada.example/invoices', 'whsec_b', 'invoice.created', TRUE, 'ada', NOW())");
        long first = UsagePeriods.bucket(OCTOBER);
        // 20 Mbps in every October bucket (750,000,000 bytes per 5 minutes), 8,928 buckets
        String digits =
                "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 "
                        + "UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) "
                        + "SELECT 11, ? + a.n + 10 * b.n + 100 * c.n + 1000 * d.n, 750000000, 1000 FROM " + digits
                        + " a, " + digits + " b, "
                        + digits + " c, " + digits + " d WHERE a.n + 10 * b.n + 100 * c.n + 1000 * d.n < 8928",
                first);

        JobExecution run = runner.run(RateUsageJobConfig.RATE_USAGE, AS_OF, "test");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<RatedUsageRow> rated = ratings.selectRatings(11);
        assertThat(rated).singleElement().satisfies(r -> {
            assertThat(r.periodStart()).isEqualTo(OCTOBER);
            assertThat(r.revision()).isZero();
            assertThat(r.activeBuckets()).isEqualTo(8928);
            assertThat(r.rankIndex()).isEqualTo(8481);
            assertThat(r.billedMbps()).isEqualByComparingTo("20");
            assertThat(r.overageMbps()).isEqualByComparingTo("10");
            assertThat(r.commitAmount()).isEqualByComparingTo("20.00");
            assertThat(r.bytesIn()).isEqualTo(8928L * 750_000_000L);
            assertThat(r.overageUnits())
                    .isEqualByComparingTo("5696.01"); // 6,696.008928 GB used − 1,000 included, rounded up
            assertThat(r.transferAmount()).isEqualByComparingTo("56.9601");
        });
        assertThat(jdbc.queryForList("SELECT reason FROM run_parked WHERE customer_id = 2", String.class))
                .containsExactly("service 12: plan 1 has usage terms but no MBPS price in EUR");

        // October: 20 Mbps against a 10 Mbps commit, 6,696 GB against 1,000: both thresholds crossed at both levels,
        // once
        assertThat(ratings.selectThresholdEvents(11))
                .extracting(e -> e.periodStart() + " " + e.measure() + " " + e.levelPercent())
                .containsExactly(
                        "2026-10-01 COMMIT 80", "2026-10-01 COMMIT 100", "2026-10-01 QUOTA 80", "2026-10-01 QUOTA 100");

        assertThat(runner.run(RateUsageJobConfig.RATE_USAGE, AS_OF, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(ratings.selectRatings(11))
                .as("a rerun with the same samples adds nothing")
                .hasSize(1);
        assertThat(ratings.selectThresholdEvents(11)).as("each threshold once").hasSize(4);
        // the customer was told of each once, through the outbox, in the chunk that recorded it
        assertThat(jdbc.queryForList(
                        "SELECT dedupe_key FROM outbox WHERE action = 'usage-threshold' ORDER BY dedupe_key",
                        String.class))
                .containsExactly(
                        "EMAIL:THRESHOLD:11:2026-10-01:COMMIT:100",
                        "EMAIL:THRESHOLD:11:2026-10-01:COMMIT:80",
                        "EMAIL:THRESHOLD:11:2026-10-01:QUOTA:100",
                        "EMAIL:THRESHOLD:11:2026-10-01:QUOTA:80");
        assertThat(jdbc.queryForObject(
                        "SELECT payload FROM outbox WHERE dedupe_key = 'EMAIL:THRESHOLD:11:2026-10-01:QUOTA:100'",
                        String.class))
                .contains("has used 100 % of its transfer quota")
                .contains("against 1000 GB");
        // and the webhook that takes threshold events got each once, with its measure and level
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(o.action, ' ', JSON_VALUE(JSON_VALUE(o.payload, '$.body'), '$.data.measure'), ' ',"
                                + " JSON_VALUE(JSON_VALUE(o.payload, '$.body'), '$.data.level_percent'))"
                                + " FROM outbox o JOIN webhook_endpoint e ON e.id = JSON_VALUE(o.payload, '$.endpoint')"
                                + " WHERE o.channel = 'WEBHOOK' AND e.url = 'https://ada.example/hook' ORDER BY 1",
                        String.class))
                .containsExactly(
                        "bandwidth.threshold_reached its bandwidth commit (95th percentile) 100",
                        "bandwidth.threshold_reached its bandwidth commit (95th percentile) 80",
                        "bandwidth.threshold_reached its transfer quota 100",
                        "bandwidth.threshold_reached its transfer quota 80");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox o JOIN webhook_endpoint e ON e.id = JSON_VALUE(o.payload, '$.endpoint')"
                                + " WHERE o.channel = 'WEBHOOK' AND e.url = 'https://ada.example/invoices'",
                        Long.class))
                .as("the endpoint that takes invoice events only got no threshold event")
                .isZero();

        // the next invoice run bills the usage in arrears, with its evidence
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> usageLines = usageLines();
        assertThat(usageLines)
                .extracting(l -> l.get("charge_kind") + " r" + l.get("revision") + " " + l.get("amount"))
                .containsExactly("USAGE_COMMIT r0 20.0000", "USAGE_TRANSFER r0 56.9600");
        assertThat((String) usageLines.get(0).get("description"))
                .contains("95th percentile 2026-10-01 to 2026-10-31: 20 Mbps")
                .contains("N=8928")
                .contains("rank 8482")
                .contains("over a 10 Mbps commit: 10 Mbps");
        assertThat((String) usageLines.get(1).get("description"))
                .contains("6696.01 GB used, 1000.00 included, 5696.01 GB over");
        assertThat(jdbc.queryForObject("SELECT status FROM invoice WHERE customer_id = 1", String.class))
                .isEqualTo("ISSUED");
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(usageLines()).as("a rerun bills nothing twice").hasSize(2);

        // late data: 500 buckets at 100 Mbps arrive for October (more than the 446 dropped)
        jdbc.update(
                "UPDATE usage_sample SET bytes_in = 3750000000 WHERE subscription_id = 11 AND bucket < ?", first + 500);
        runner.run(RateUsageJobConfig.RATE_USAGE, AS_OF, "test");
        List<RatedUsageRow> revised = ratings.selectRatings(11);
        assertThat(revised).hasSize(2);
        assertThat(revised.get(1).revision()).isEqualTo(1);
        assertThat(revised.get(1).billedMbps()).isEqualByComparingTo(Percentile95.mbps(3_750_000_000L));
        assertThat(revised.get(1).commitAmount()).isEqualByComparingTo("180.00");
        assertThat(revised.get(0).commitAmount())
                .as("revision 0 stays as it was")
                .isEqualByComparingTo("20.00");

        // the difference is a correction line on the next invoice; the issued one is untouched
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF.plusDays(1), "test");
        assertThat(usageLines())
                .extracting(l -> l.get("charge_kind") + " r" + l.get("revision") + " " + l.get("amount"))
                .containsExactly(
                        "USAGE_COMMIT r0 20.0000",
                        "USAGE_TRANSFER r0 56.9600",
                        "USAGE_COMMIT r1 160.0000",
                        "USAGE_TRANSFER r1 15.0000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id = 1", Long.class))
                .isEqualTo(2);
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, AS_OF.plusDays(2), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(usageLines()).as("nothing new without new data").hasSize(4);
    }

    private List<Map<String, Object>> usageLines() {
        return jdbc.queryForList("SELECT charge_kind, revision, amount, description FROM invoice_line "
                + "WHERE charge_kind LIKE 'USAGE%' ORDER BY id");
    }
}
