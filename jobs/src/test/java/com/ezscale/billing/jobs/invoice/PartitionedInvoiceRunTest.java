package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.rating.RateUsageJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.testing.TestDatabases;
import com.ezscale.billing.usage.UsagePeriods;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The generate step split into ranges of customers, each in a thread of its own: on one generated
 * book with the billing rules active, a partitioned run that fails in one range and is restarted
 * (only that range runs again, from its last committed customer) writes the same invoices, lines, taxes,
 * credit applications and cursors as a single-threaded run, row for row (keyed by customer: the
 * drafts' ids, and so the numbers, follow the order the ranges commit in); numbers stay gapless;
 * a rerun writes nothing; and two partitioned nodes issuing into one series at once leave no gap and
 * no repeat. The single-threaded node writes by batched inserts and the partitioned ones by {@code LOAD
 * DATA} ({@code BulkLoad}), so the comparison covers the two ways rows go in, every column of the lines. Before them, the rating step split into ranges of services rates, records and notifies
 * what the single-threaded one does (and the invoice runs then bill that usage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionedInvoiceRunTest {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");
    static final int CUSTOMERS = 150;

    ConfigurableApplicationContext single;
    ConfigurableApplicationContext partitioned;
    ConfigurableApplicationContext secondNode;

    private static ConfigurableApplicationContext node(String url, int partitions, boolean bulkLoad) {
        List<String> args = new ArrayList<>(
                List.of("--ezscale.billing.chunk-size=7", "--ezscale.billing.partitions=" + partitions));
        if (!bulkLoad) {
            // the single-threaded node writes its drafts, lines and taxes as batched inserts, the partitioned ones by
            // LOAD DATA (conf/application.yml): the two paths are compared too
            args.add("--spring.datasource.hikari.data-source-properties[allowLoadLocalInfileInPath]=");
        }
        return Nodes.start(url, args.toArray(String[]::new));
    }

    /** The server's count of LOAD DATA statements (all databases; the tests of a module run one at a time). */
    private static long loads(ConfigurableApplicationContext node) {
        return node.getBean(JdbcTemplate.class)
                .queryForObject(
                        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_LOAD'",
                        Long.class);
    }

    private static void load(ConfigurableApplicationContext node) {
        DemoDataLoader loader = node.getBean(DemoDataLoader.class);
        loader.load(DemoData.generate(23, CUSTOMERS, AS_OF, AS_OF.minusMonths(3), 1));
        loader.loadRules(node.getBean(JdbcTemplate.class));
    }

    @BeforeAll
    void twoBooks() {
        single = node(TestDatabases.newDatabaseUrl(), 1, false);
        String url = TestDatabases.newDatabaseUrl();
        partitioned = node(url, 3, true);
        secondNode = node(url, 3, true);
        load(single);
        load(partitioned);
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext context :
                new ConfigurableApplicationContext[] {single, partitioned, secondNode}) {
            if (context != null) {
                context.close();
            }
        }
    }

    private static JobExecution run(ConfigurableApplicationContext node, LocalDate asOf) {
        return node.getBean(JobRunner.class).run(InvoiceRunJobConfig.INVOICE_RUN, asOf, "test");
    }

    /** What the run wrote, keyed by customer and without the surrogate ids, numbers and clock times. */
    private static Map<String, List<String>> written(ConfigurableApplicationContext node) {
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        return Map.of(
                "invoices",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', customer_id, currency, status, due_date, issue_date, subtotal, tax_total,"
                                        + " total, credit_applied, amount_paid, tax_mode, COALESCE(tax_note, ''), on_hold,"
                                        + " COALESCE(hold_reason, ''), prices_include_tax, seller_entity_id, run_id IS NULL,"
                                        + " COALESCE(late_fee_for_invoice_id, ''), bill_to_name, bill_to_address)"
                                        + " FROM invoice ORDER BY customer_id, currency",
                                String.class),
                "lines",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', i.customer_id, i.currency, l.line_no, COALESCE(l.subscription_id, ''),"
                                        + " l.charge_kind, COALESCE(l.period_start, ''), COALESCE(l.period_end_exclusive, ''),"
                                        + " l.revision, HEX(l.description), l.quantity, l.unit_price, l.amount,"
                                        // the rating by its key: the ranges rate services in another order, so its id
                                        // differs
                                        + " COALESCE((SELECT CONCAT_WS('/', r.subscription_id, r.period_start, r.revision) FROM rated_usage r"
                                        + " WHERE r.id = l.rated_usage_id), ''), COALESCE(l.plan_id, ''), COALESCE(l.covers_from, ''),"
                                        + " COALESCE(l.covers_until, ''), COALESCE(l.plan_change_id, ''), COALESCE(l.tax_rate, ''),"
                                        + " COALESCE(l.tax_name, 'null'), l.discount_ref, COALESCE(l.discounted_line_no, ''),"
                                        + " COALESCE(l.coupon_redemption_id, '')) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                                        + " ORDER BY i.customer_id, i.currency, l.line_no",
                                String.class),
                "taxes",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', i.customer_id, i.currency, t.tax_name, t.rate, t.taxable_base, t.tax_amount)"
                                        + " FROM invoice_tax t JOIN invoice i ON i.id = t.invoice_id"
                                        + " ORDER BY i.customer_id, i.currency, t.tax_name",
                                String.class),
                "credit",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', c.customer_id, c.currency, c.amount, c.reason, c.source_type,"
                                        + " COALESCE(i.customer_id, '')) FROM credit_ledger c"
                                        + " LEFT JOIN invoice i ON c.source_type = 'INVOICE' AND i.id = c.source_id"
                                        + " ORDER BY c.customer_id, c.currency, c.reason, c.amount",
                                String.class),
                "cursors",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', id, COALESCE(next_period_start, '')) FROM subscription ORDER BY id",
                                String.class),
                "parked",
                        jdbc.queryForList(
                                "SELECT CONCAT_WS('|', customer_id, step_name, reason) FROM run_parked ORDER BY customer_id",
                                String.class));
    }

    private static Map<String, BatchStatus> ranges(JobExecution execution) {
        Map<String, BatchStatus> ranges = new java.util.TreeMap<>();
        execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(InvoiceRunJobConfig.GENERATE_PARTITION))
                .forEach(s -> ranges.put(s.getStepName(), s.getStatus()));
        return ranges;
    }

    /** Hourly samples over October and November for every service with usage terms, some of them over commit and quota. */
    private static void usage(ConfigurableApplicationContext node) {
        node.getBean(JdbcTemplate.class).update("""
                        INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out)
                        SELECT s.id, ? + 12 * h.seq, (s.id * 7919 + h.seq * 104729) * 37 % (s.id % 7 * 8000000000 + 1000),
                               (s.id * 104729 + h.seq * 7919) % 200000000
                          FROM subscription s
                          JOIN plan_usage_terms t ON t.plan_id = s.plan_id
                          JOIN seq_0_to_1463 h""", UsagePeriods.bucket(LocalDate.parse("2026-10-01")));
    }

    /** What rating wrote, keyed by service, without ids and clock times. */
    private static Map<String, List<String>> rated(ConfigurableApplicationContext node) {
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        return Map.of(
                "ratings",
                jdbc.queryForList(
                        "SELECT CONCAT_WS('|', subscription_id, period_start, revision, currency, active_buckets, p95_in_bytes,"
                                + " p95_out_bytes, billed_mbps, commit_amount, bytes_in, bytes_out, used_units, overage_units,"
                                + " transfer_amount, samples_fingerprint) FROM rated_usage ORDER BY subscription_id, period_start",
                        String.class),
                "thresholds",
                jdbc.queryForList(
                        "SELECT CONCAT_WS('|', subscription_id, period_start, measure, level_percent, observed, threshold)"
                                + " FROM usage_threshold_event ORDER BY subscription_id, period_start, measure, level_percent",
                        String.class),
                "notices",
                jdbc.queryForList(
                        "SELECT CONCAT_WS('|', dedupe_key, customer_id, JSON_VALUE(payload, '$.subject')) FROM outbox"
                                + " ORDER BY dedupe_key",
                        String.class),
                "parked",
                jdbc.queryForList(
                        "SELECT CONCAT_WS('|', customer_id, reason) FROM run_parked ORDER BY customer_id, reason",
                        String.class));
    }

    @Test
    @Order(0)
    void aPartitionedRatingRatesWhatTheSingleThreadedOneRatesRowForRow() {
        usage(single);
        usage(partitioned);
        JobExecution one = single.getBean(JobRunner.class).run(RateUsageJobConfig.RATE_USAGE, AS_OF, "test");
        JobExecution three = partitioned.getBean(JobRunner.class).run(RateUsageJobConfig.RATE_USAGE, AS_OF, "test");
        assertThat(one.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(three.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(three.getStepExecutions())
                .extracting(s -> s.getStepName() + " " + s.getStatus())
                .contains(
                        "rateUsageRange:services0 COMPLETED",
                        "rateUsageRange:services1 COMPLETED",
                        "rateUsageRange:services2 COMPLETED");
        Map<String, List<String>> expected = rated(single);
        assertThat(expected.get("ratings")).as("October is rated").isNotEmpty();
        assertThat(expected.get("thresholds"))
                .as("some services crossed a threshold")
                .isNotEmpty();
        assertThat(expected.get("notices")).as("and were told").isNotEmpty();
        assertThat(rated(partitioned)).isEqualTo(expected);

        assertThat(partitioned
                        .getBean(JobRunner.class)
                        .run(RateUsageJobConfig.RATE_USAGE, AS_OF.plusDays(1), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(rated(partitioned))
                .as("a rerun on the same usage writes nothing")
                .isEqualTo(expected);
    }

    @Test
    @Order(1)
    void aPartitionedRunThatFailsInOneRangeRestartsThatRangeAndWritesWhatTheSingleThreadedRunWritesRowForRow() {
        long loadsBefore = loads(single);
        assertThat(run(single, AS_OF).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(loads(single)).as("the single-threaded node inserts").isEqualTo(loadsBefore);

        // ranges of 50 ids: (0, 50], (50, 100], (100, -]; the database refuses the middle range's lines from customer
        // 70
        JdbcTemplate jdbc = partitioned.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class))
                .isEqualTo(CUSTOMERS);
        jdbc.execute("""
                CREATE TRIGGER test_crash_range BEFORE INSERT ON invoice_line FOR EACH ROW
                BEGIN
                  IF (SELECT customer_id FROM invoice WHERE id = NEW.invoice_id) BETWEEN 70 AND 100 THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure in the middle range';
                  END IF;
                END""");
        JobExecution failed = run(partitioned, AS_OF);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(ranges(failed))
                .as("three ranges, each a step of its own; only the middle one failed")
                .containsExactly(
                        Map.entry(InvoiceRunJobConfig.GENERATE_PARTITION + ":customers0", BatchStatus.COMPLETED),
                        Map.entry(InvoiceRunJobConfig.GENERATE_PARTITION + ":customers1", BatchStatus.FAILED),
                        Map.entry(InvoiceRunJobConfig.GENERATE_PARTITION + ":customers2", BatchStatus.COMPLETED));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id BETWEEN 51 AND 69", Long.class))
                .as("the middle range's chunks before the failure stay committed")
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE customer_id BETWEEN 70 AND 100", Long.class))
                .isZero();

        jdbc.execute("DROP TRIGGER test_crash_range");
        JobExecution split = partitioned.getBean(JobRunner.class).restart(failed.getId(), "test");
        assertThat(split.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(loads(partitioned))
                .as("the partitioned node loads its drafts, lines and taxes: three statements a chunk at most")
                .isGreaterThan(loadsBefore + CUSTOMERS / 7);
        assertThat(ranges(split))
                .as("the restart runs the failed range alone, from its last committed customer")
                .containsExactly(
                        Map.entry(InvoiceRunJobConfig.GENERATE_PARTITION + ":customers1", BatchStatus.COMPLETED));

        Map<String, List<String>> expected = written(single);
        Map<String, List<String>> actual = written(partitioned);
        assertThat(expected.get("invoices")).as("the book is billed").hasSizeGreaterThan(CUSTOMERS / 2);
        assertThat(expected.get("taxes")).as("tax rules apply").isNotEmpty();
        assertThat(expected.get("lines")).as("discount lines").anyMatch(l -> l.contains("|DISCOUNT|"));
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as(table).containsExactlyElementsOf(expected.get(table));
        }

        assertThat(jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(sequence_value) AS first, MAX(sequence_value) AS last,"
                        + " COUNT(DISTINCT number) AS numbers FROM invoice WHERE status <> 'DRAFT'"))
                .as("numbered 1..n without a gap or a repeat")
                .containsEntry("first", 1L)
                .satisfies(m -> assertThat(m.get("last")).isEqualTo(m.get("n")))
                .satisfies(m -> assertThat(m.get("numbers")).isEqualTo(m.get("n")));
        JobExecution rerun = run(partitioned, AS_OF);
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, List<String>> again = written(partitioned);
        for (String table : List.of("invoices", "lines", "taxes", "credit", "cursors")) {
            assertThat(again.get(table)).as("a rerun writes nothing: " + table).isEqualTo(actual.get(table));
        }
    }

    @Test
    @Order(2)
    void twoPartitionedNodesIssuingIntoOneSeriesAtOnceLeaveItGapless() throws Exception {
        JdbcTemplate jdbc = partitioned.getBean(JdbcTemplate.class);
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status <> 'DRAFT'", Long.class);
        LocalDate nextMonth = AS_OF.plusMonths(1);
        List<Long> customers = jdbc.queryForList("SELECT id FROM customer ORDER BY id", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                ConfigurableApplicationContext node = n == 0 ? partitioned : secondNode;
                int parity = n;
                nodes.add(pool.submit(() -> {
                    List<String> statuses = new ArrayList<>();
                    for (int i = parity; i < customers.size(); i += 2) {
                        statuses.add(node.getBean(JobRunner.class)
                                .runForCustomer(InvoiceRunJobConfig.INVOICE_RUN, nextMonth, customers.get(i), "test")
                                .getStatus()
                                .name());
                    }
                    return statuses;
                }));
            }
            for (Future<List<String>> node : nodes) {
                assertThat(node.get()).containsOnly("COMPLETED");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> series =
                jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(sequence_value) AS first, MAX(sequence_value) AS last,"
                        + " COUNT(DISTINCT sequence_value) AS distinct_values FROM invoice WHERE status <> 'DRAFT'");
        assertThat((Long) series.get("n")).as("next month billed").isGreaterThan(before);
        assertThat(series)
                .as("one series, no gap, no repeat")
                .containsEntry("first", 1L)
                .containsEntry("last", series.get("n"))
                .containsEntry("distinct_values", series.get("n"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT' AND on_hold = FALSE", Long.class))
                .as("every draft issued")
                .isZero();
    }
}
