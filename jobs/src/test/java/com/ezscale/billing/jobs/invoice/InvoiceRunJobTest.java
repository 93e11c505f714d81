package com.ezscale.billing.jobs.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.jobs.BillingAssertions;
import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.nightly.NightlyJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.testing.DatabaseTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The nightly run over a seeded book on the real database: every period billed exactly once over
 * a range of days, a rerun writes nothing, numbers are gapless, a customer that breaks a rule is
 * parked while everyone else is billed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// nobody pays in these runs: the ladder's fee, suspension and termination are pushed past their months, so every period
// is billed
@TestPropertySource(
        properties = {
            "ezscale.billing.chunk-size=9",
            "ezscale.collection.late-fee-day=400",
            "ezscale.collection.suspend-day=400",
            "ezscale.collection.terminate-day=500"
        })
class InvoiceRunJobTest extends DatabaseTest {

    static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");
    static final LocalDate LAST_DAY = LocalDate.parse("2026-11-30");

    @Autowired
    JobRunner runner;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    RunMapper runs;

    DemoData data;

    @BeforeAll
    void everyDayOfThreeMonths() {
        data = DemoData.generate(11, 120, LAST_DAY, FIRST_DAY, 1);
        loader.load(data);
        loader.loadRules(jdbc);
        // a GBP customer on a plan with no GBP price: parked, with the reason
        jdbc.update("DELETE FROM plan_price WHERE plan_id = 2 AND currency = 'GBP'");
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
            JobExecution execution =
                    runner.runForDay(NightlyJobConfig.NIGHTLY, day).orElseThrow();
            assertThat(execution.getStatus()).as("nightly %s", day).isEqualTo(BatchStatus.COMPLETED);
        }
    }

    @Test
    void everyDuePeriodIsBilledExactlyOnce() {
        PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
        Set<Long> parked = jdbc.queryForList("SELECT DISTINCT customer_id FROM run_parked", Long.class).stream()
                .collect(Collectors.toSet());
        Map<Long, String> currencyOf = data.customers().stream()
                .collect(Collectors.toMap(c -> c.id(), c -> c.billingCurrency().getCurrencyCode()));
        List<String> expected = new ArrayList<>();
        for (Subscription s : data.subscriptions()) {
            if (!s.status().isBillable() || s.cycle() == BillingCycle.FREE || parked.contains(s.customerId())) {
                continue;
            }
            LocalDate from = s.nextPeriodStart() != null ? s.nextPeriodStart() : s.startDate();
            int daysBefore = 14;
            for (BillingPeriod p :
                    s.schedule().periodsStartingBetween(from, LAST_DAY.plusDays(daysBefore), s.endDate())) {
                expected.add(s.id() + " RECURRING " + p.start());
                PlanPrice price = prices.find(s.planId(), Money.currency(currencyOf.get(s.customerId())), s.cycle())
                        .orElseThrow();
                if (p.start().equals(s.startDate()) && price.setupFee().compareTo(BigDecimal.ZERO) > 0) {
                    expected.add(s.id() + " SETUP " + p.start());
                }
            }
        }
        List<String> billed = jdbc.query(
                "SELECT subscription_id, charge_kind, period_start FROM invoice_line WHERE charge_kind IN ('RECURRING', 'SETUP')",
                (rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " "
                        + rs.getDate(3).toLocalDate());
        assertThat(billed).doesNotHaveDuplicates();
        assertThat(billed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(200);
    }

    @Test
    void rerunningAnyDayWritesNothing() {
        Map<String, Long> before = BillingAssertions.rowCounts(jdbc);
        List<String> invoicesBefore = BillingAssertions.issuedInvoices(jdbc);
        for (LocalDate day : List.of(FIRST_DAY, LocalDate.parse("2026-10-15"), LAST_DAY)) {
            JobExecution rerun = runner.run(InvoiceRunJobConfig.INVOICE_RUN, day, "test");
            assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        Map<String, Long> after = BillingAssertions.rowCounts(jdbc);
        after.put(
                "run_parked", before.get("run_parked")); // a rerun re-parks the same customers under its own execution
        assertThat(after).isEqualTo(before);
        assertThat(BillingAssertions.issuedInvoices(jdbc)).isEqualTo(invoicesBefore);
    }

    @Test
    void numbersAreGaplessPerYearAndTotalsAreTheSumOfTheLines() {
        List<Long> values = jdbc.queryForList(
                "SELECT sequence_value FROM invoice WHERE series_key = 'INV-2026-{000001}' ORDER BY sequence_value",
                Long.class);
        assertThat(values).isNotEmpty();
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i)).isEqualTo(i + 1L);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT last_value FROM number_series WHERE series_key = 'INV-2026-{000001}'", Long.class))
                .isEqualTo((long) values.size());
        assertThat(jdbc.queryForList("SELECT number FROM invoice WHERE sequence_value = 1", String.class))
                .containsExactly("INV-2026-000001");
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM invoice i
                 WHERE IF(i.prices_include_tax, i.total, i.subtotal) <> (SELECT SUM(l.amount) FROM invoice_line l WHERE l.invoice_id = i.id)
                    OR i.total <> i.subtotal + i.tax_total
                    OR i.tax_total <> (SELECT COALESCE(SUM(t.tax_amount), 0) FROM invoice_tax t WHERE t.invoice_id = i.id)""", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE tax_mode = 'STANDARD'", Long.class))
                .as("the rules were active")
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice_line WHERE charge_kind = 'DISCOUNT'", Long.class))
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status = 'DRAFT'", Long.class))
                .isZero();
    }

    @Test
    void aCustomerWithoutAPriceInItsCurrencyIsParkedWithTheReasonAndOthersAreBilled() {
        List<Map<String, Object>> parked = jdbc.queryForList("SELECT DISTINCT customer_id, reason FROM run_parked");
        assertThat(parked).isNotEmpty();
        assertThat(parked)
                .allSatisfy(row -> assertThat((String) row.get("reason"))
                        .matches("service \\d+: plan (vps-4g|web-starter) has no \\w+ price in GBP"));
        Set<Long> parkedIds = new HashSet<>();
        parked.forEach(row -> parkedIds.add(((Number) row.get("customer_id")).longValue()));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM invoice WHERE customer_id IN ("
                                + parkedIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT customer_id) FROM invoice", Long.class))
                .isGreaterThan(50);
        long execution = jdbc.queryForObject("SELECT MAX(job_execution_id) FROM run_parked", Long.class);
        assertThat(runs.selectParked(execution))
                .extracting(ParkedCustomer::customerId)
                .isSubsetOf(parkedIds);
        assertThat(runs.selectRecentRuns(200))
                .anySatisfy(r -> assertThat(r.parked()).isPositive());
    }
}
