package com.ezscale.billing.jobs.rating;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.ingest.file.FileIngestor;
import com.ezscale.billing.ingest.flow.SyntheticFlows;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flows in → samples → rating → invoice line: a month of ElastiFlow records to a dedicated server
 * with a 10 Mbps commit (an IPv4 address and a single IPv6 address, a /128) is imported, rated and
 * invoiced; the line's amount is the one computed here from the records themselves, and its text
 * carries the evidence.
 */
class UsageEndToEndTest extends DatabaseTest {

    @Autowired
    FileIngestor files;

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubscriptionMapper subscriptions;

    @Test
    void aMonthOfFlowsBecomesAnInvoiceLineWithItsEvidence() throws Exception {
        LocalDate october = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        LocalDate asOf = october.plusMonths(1).plusDays(1);
        jdbc.update(
                "INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'ded', 'Dedicated', 'DEDICATED', 1)");
        jdbc.update(
                "INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'ded-commit', 'Dedicated, 10 Mbps commit')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'EUR', 'MONTHLY', 99, 0)");
        jdbc.update("INSERT INTO plan_usage_terms (plan_id, commit_mbps) VALUES (1, 10)");
        jdbc.update(
                "INSERT INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price) VALUES (1, 'EUR', 'MBPS', 1, NULL, 1.25)");
        jdbc.update("INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES "
                + "(1, 'Grace', 'grace@example.com', 'IE', 'EUR', 'ACTIVE', NOW(6))");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start, created_at) "
                        + "VALUES (7, 1, 1, 'MONTHLY', 'ACTIVE', 1, ?, ?, NOW(6))",
                october.minusMonths(1),
                asOf.plusMonths(1));
        jdbc.update(
                "INSERT INTO ip_assignment (subscription_id, cidr, ip_family, network, prefix_length, valid_from) "
                        + "VALUES (7, '203.0.113.10', 4, X'CB00710A', 32, ?)",
                Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
        // a single IPv6 address: prefix length 128 (the column once held at most 127)
        subscriptions.insertIpAssignment(IpAssignmentRow.of(new IpAssignment(
                0, 7, IpPrefix.parse("2001:db8:7::10/128"), Instant.parse("2026-01-01T00:00:00Z"), null)));

        // a month of steady traffic to 203.0.113.10 and 2001:db8:7::10 (~20 and ~6 Mbps with a daily swing), one record
        // per bucket each
        Instant from = october.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = october.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> records = new ArrayList<>();
        SyntheticFlows.steady(
                3,
                List.of("203.0.113.10", "2001:db8:7::10"),
                new long[] {750_000_000L, 225_000_000L},
                from,
                to,
                records::add);
        long[] perBucket = new long[(int) ((to.getEpochSecond() - from.getEpochSecond()) / 300)];
        ObjectMapper json = JsonMapper.builder().build();
        for (String r : records) {
            JsonNode node = json.readTree(r);
            long bucket =
                    (Instant.parse(node.get("@timestamp").asString()).getEpochSecond() - from.getEpochSecond()) / 300;
            perBucket[(int) bucket] += node.get("flow.bytes").asLong();
        }
        // by hand, as billing-rules.md states it: the nearest rank ceil(0.95 × N) over the month's buckets, in Mbps
        // (bits over 300 s)
        long[] sorted = perBucket.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length);
        BigDecimal p95 = BigDecimal.valueOf(sorted[rank - 1] * 8)
                .divide(BigDecimal.valueOf(300L * 1_000_000L), 6, RoundingMode.HALF_UP);
        BigDecimal expected = Money.rounded(
                        p95.subtract(BigDecimal.TEN).max(BigDecimal.ZERO).multiply(new BigDecimal("1.25")),
                        Money.currency("EUR"))
                .amount();
        Path file = Files.createTempFile(Path.of("target"), "october", ".ndjson");
        Files.write(file, records, StandardCharsets.UTF_8);

        assertThat(files.ingest(file).usage().attributedRecords()).isEqualTo(records.size());
        assertThat(runner.run(RateUsageJobConfig.RATE_USAGE, asOf, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, asOf, "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        List<Map<String, Object>> lines = jdbc.queryForList(
                "SELECT amount, description FROM invoice_line WHERE charge_kind = 'USAGE_COMMIT' AND period_start = ?",
                october);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat((BigDecimal) line.get("amount")).isEqualByComparingTo(expected);
            assertThat((String) line.get("description"))
                    .contains(p95.stripTrailingZeros().toPlainString() + " Mbps")
                    .contains("N=" + perBucket.length)
                    .contains("over a 10 Mbps commit");
        });
        assertThat(expected).isPositive();
    }
}
