package com.ezscale.billing.report.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The finance pack's figures on the fixture's book: Ada's November invoice 7 (USD 160: VPS S 10 and
 * Dedicated 95th 150, due 2026-11-15), paid 60 by card on 2026-11-20 (10 refunded on 2026-11-25),
 * 50 of its dedicated line credited on 2026-11-22; Bruno's December invoice 8 (EUR 9 + VAT 19%
 * 1.71) issued to Germany; and a reverse-charge invoice 3 to Bruno's VAT number.
 */
class ReportMapperTest extends MapperTest {

    @Autowired
    ReportMapper reports;

    @Autowired
    com.ezscale.billing.run.db.RunMapper runs;

    static final LocalDate NOV = LocalDate.parse("2026-11-01");
    static final LocalDate DEC_END = LocalDate.parse("2026-12-31");

    @BeforeEach
    void ledger() {
        update(
                "INSERT INTO payment (id, customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference, status,"
                        + " received_on, recorded_by, created_at, fee) VALUES (1, 1, 7, 'USD', 60, 60, 'CARD', 'pi_1', 'SUCCEEDED',"
                        + " '2026-11-20', 'collect', '2026-11-20 03:00:00', 2.04)");
        update(
                "INSERT INTO payment (customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference, status,"
                        + " received_on, recorded_by, created_at) VALUES (1, 7, 'USD', 5, 5, 'CARD', 'pi_2', 'FAILED',"
                        + " '2026-11-21', 'collect', '2026-11-21 03:00:00')");
        update(
                "INSERT INTO payment_refund (payment_id, currency, amount, idempotency_key, status, reason, created_by, created_at)"
                        + " VALUES (1, 'USD', 10, 'refund-1', 'SUCCEEDED', 'goodwill', 'finance', '2026-11-25 10:00:00')");
        update(
                "INSERT INTO credit_note (id, seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value, number,"
                        + " kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                        + " VALUES (5, 1, 1, 7, 'USD', 'CN-2026', 1, 'CN-2026-000001', 'LINES', 'outage', 'REDUCE_BALANCE', 50,"
                        + " '2026-11-22', 50, 0, 50, 'finance', '2026-11-22 09:00:00')");
        update(
                "INSERT INTO credit_note_line (credit_note_id, line_no, invoice_line_id, description, amount)"
                        + " SELECT 5, 1, id, 'Dedicated, 10 days down', 50 FROM invoice_line WHERE invoice_id = 7 AND line_no = 2");
        update("INSERT INTO number_series (series_key, last_value) VALUES ('INV-2026-EU', 2)");
        update(
                "UPDATE invoice SET bill_to_name = 'Bruno Weber', bill_to_company = 'Weber GmbH', bill_to_country = 'DE',"
                        + " status = 'ISSUED', series_key = 'INV-2026-EU', sequence_value = 1, number = 'EU-2026-000001',"
                        + " issue_date = '2026-12-05', issued_at = '2026-12-05 02:00:00' WHERE id = 8");
        update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, series_key, sequence_value, number,"
                        + " due_date, issue_date, issued_at, subtotal, tax_total, total, bill_to_name, bill_to_company, bill_to_country,"
                        + " bill_to_vat_number, tax_mode, created_at) VALUES (3, 1, 2, 'EUR', 'ISSUED', 'INV-2026-EU', 2,"
                        + " 'EU-2026-000002', '2026-12-20', '2026-12-06', '2026-12-06 02:00:00', 40, 0, 40, 'Bruno Weber',"
                        + " 'Weber GmbH', 'DE', 'DE123456789', 'REVERSE_CHARGE', '2026-12-06 02:00:00')");
    }

    @Test
    void agingIsWhatWasOpenOnTheDayByDaysPastDue() {
        assertThat(reports.selectAging(LocalDate.parse("2026-10-31"))).isEmpty();
        assertThat(reports.selectAging(LocalDate.parse("2026-11-10")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.customerName()).isEqualTo("Ada Lovelace");
                    assertThat(r.current()).isEqualByComparingTo("160");
                    assertThat(r.total()).isEqualByComparingTo("160");
                });
        // 2026-11-21: 6 days late, the card payment of the 20th in (the failed one of the 21st is not)
        assertThat(reports.selectAging(LocalDate.parse("2026-11-21")))
                .singleElement()
                .satisfies(r -> assertThat(r.days1to30()).isEqualByComparingTo("100"));
        // 2026-12-31: 46 days late, the credit note of the 22nd in; Bruno's two December invoices are current
        assertThat(reports.selectAging(DEC_END))
                .extracting(r -> r.customerId() + " " + r.currency() + " "
                        + r.current().stripTrailingZeros().toPlainString() + " "
                        + r.days31to60().stripTrailingZeros().toPlainString() + " " + r.invoices())
                .containsExactly("2 EUR 0 0 2", "1 USD 0 50 1");
        assertThat(reports.selectAging(DEC_END).get(0).days1to30()).isEqualByComparingTo("50.71");
    }

    @Test
    void revenueIsInvoicedLinesLessCreditedLinesByMonthProductAndPlan() {
        assertThat(reports.selectRevenue(NOV, DEC_END))
                .extracting(r -> r.currency() + " " + r.month() + " " + r.product() + " " + r.plan() + " "
                        + r.invoiced().stripTrailingZeros().toPlainString() + " "
                        + r.credited().stripTrailingZeros().toPlainString())
                .containsExactly(
                        "EUR 2026-12 VPS vps-s 9 0",
                        "USD 2026-11 Dedicated server dedi-95 150 50",
                        "USD 2026-11 VPS vps-s 10 0");
        assertThat(reports.selectRevenue(LocalDate.parse("2026-11-23"), DEC_END))
                .extracting(RevenueRow::currency)
                .containsExactly("EUR");
    }

    @Test
    void taxByJurisdictionAndRateAndReverseChargeByVatNumber() {
        assertThat(reports.selectTax(NOV, DEC_END)).singleElement().satisfies(t -> {
            assertThat(t.country()).isEqualTo("DE");
            assertThat(t.rate()).isEqualByComparingTo("19");
            assertThat(t.taxableBase()).isEqualByComparingTo("9");
            assertThat(t.tax()).isEqualByComparingTo("1.71");
            assertThat(t.creditedTax()).isEqualByComparingTo("0");
        });
        assertThat(reports.selectReverseCharge(NOV, DEC_END)).singleElement().satisfies(r -> {
            assertThat(r.vatNumber()).isEqualTo("DE123456789");
            assertThat(r.customerName()).isEqualTo("Weber GmbH");
            assertThat(r.invoiced()).isEqualByComparingTo("40");
        });
    }

    @Test
    void paymentsAndRefundsByDayAndMethod() {
        assertThat(reports.selectPayments(NOV, LocalDate.parse("2026-11-30")))
                .extracting(p -> p.day() + " " + p.method() + " " + p.payments() + " "
                        + p.received().stripTrailingZeros().toPlainString() + " " + p.refunds() + " "
                        + p.refunded().stripTrailingZeros().toPlainString() + " " + p.disputed() + " "
                        + p.fees().stripTrailingZeros().toPlainString())
                .containsExactly("2026-11-20 CARD 1 60 0 0 0 2.04", "2026-11-25 CARD 0 0 1 10 0 0");
        assertThat(reports.selectPayments(LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-24")))
                .isEmpty();
    }

    @Test
    void creditNotesDunningAndTheMonthlySummary() {
        assertThat(reports.selectCreditNotes(NOV, DEC_END)).singleElement().satisfies(n -> {
            assertThat(n.number()).isEqualTo("CN-2026-000001");
            assertThat(n.invoiceNumber()).isEqualTo("INV-2026-000007");
            assertThat(n.settlement()).isEqualTo("REDUCE_BALANCE");
            assertThat(n.total()).isEqualByComparingTo("50");
        });
        update("INSERT INTO dunning_step (invoice_id, step_key, kind, as_of, created_at) VALUES"
                + " (7, 'reminder-1', 'REMINDER', '2026-11-08', NOW()), (7, 'overdue-1', 'OVERDUE_NOTICE', '2026-11-16', NOW()),"
                + " (7, 'suspend', 'SUSPEND', '2026-12-20', NOW())");
        update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, series_key, sequence_value, number,"
                        + " due_date, issue_date, issued_at, subtotal, tax_total, total, late_fee_for_invoice_id, created_at)"
                        + " VALUES (4, 1, 1, 'USD', 'ISSUED', 'INV-2026', 8, 'INV-2026-000008', '2026-11-27', '2026-11-20',"
                        + " '2026-11-20 02:00:00', 16, 0, 16, 7, '2026-11-20 02:00:00')");
        assertThat(reports.selectDunning(NOV, DEC_END))
                .extracting(d -> d.currency() + " " + d.month() + " " + d.reminders() + "/" + d.overdueNotices() + "/"
                        + d.suspensions() + " " + d.lateFees() + " "
                        + d.lateFeeAmount().stripTrailingZeros().toPlainString())
                .containsExactly("USD 2026-11 1/1/0 1 16", "USD 2026-12 0/0/1 0 0");
        assertThat(reports.selectProfitAndLoss(NOV, DEC_END))
                .extracting(p -> p.currency() + " " + p.month() + " "
                        + p.invoiced().stripTrailingZeros().toPlainString()
                        + " " + p.lateFees().stripTrailingZeros().toPlainString() + " "
                        + p.credited().stripTrailingZeros().toPlainString() + " "
                        + p.net().stripTrailingZeros().toPlainString() + " "
                        + p.refunded().stripTrailingZeros().toPlainString() + " "
                        + p.received().stripTrailingZeros().toPlainString())
                .containsExactly("EUR 2026-12 49 0 0 49 0 0", "USD 2026-11 160 16 50 126 10 60");
    }

    @Test
    void theDaysMrrIsStoredOncePerCustomerAndCurrencyAndReadBackAtMonthEnds() {
        LocalDate oct = LocalDate.parse("2026-10-15");
        LocalDate nov = LocalDate.parse("2026-11-15");
        assertThat(reports.selectMrrDayTaken(oct)).isFalse();
        // Ada: vps-s (USD 10 monthly) since 2026-10-01; Bruno: vps-s (EUR 9 monthly) since January
        assertThat(reports.insertMrrSnapshot(oct)).isEqualTo(2);
        reports.insertMrrDay(oct, 2, java.time.Instant.parse("2026-10-15T02:00:00Z"));
        assertThat(reports.selectMrrDayTaken(oct)).isTrue();
        assertThat(reports.insertMrrSnapshot(oct)).as("the day is stored once").isZero();
        // November: Ada's dedicated server (USD 150) started; an annual plan counts a twelfth
        update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (2, 'EUR', 'ANNUALLY', 120, 0)");
        update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start,"
                        + " created_at) VALUES (5, 2, 2, 'ANNUALLY', 'ACTIVE', 1, '2026-11-01', '2027-11-01', NOW()),"
                        + " (6, 2, 2, 'ANNUALLY', 'ACTIVE', 1, '2026-11-01', '2027-11-01', NOW())");
        update("UPDATE subscription SET trial_end = '2026-11-20' WHERE id = 6");
        assertThat(reports.insertMrrSnapshot(nov)).isEqualTo(2);
        reports.insertMrrDay(nov, 2, java.time.Instant.parse("2026-11-15T02:00:00Z"));
        reports.insertMrrDay(LocalDate.parse("2026-11-03"), 0, java.time.Instant.parse("2026-11-03T02:00:00Z"));
        assertThat(reports.selectMonthEndSnapshotDays(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-30")))
                .containsExactly(oct, nov);
        assertThat(reports.selectMrr(java.util.List.of(oct, nov)))
                .extracting(m -> m.asOf() + " " + m.customerId() + " " + m.currency() + " "
                        + m.mrr().stripTrailingZeros().toPlainString())
                .containsExactly(
                        "2026-10-15 2 EUR 9", "2026-10-15 1 USD 10", "2026-11-15 2 EUR 19", "2026-11-15 1 USD 160");
    }

    @Test
    void deferredRevenueIsWhatWasInvoicedForDaysStillToCome() {
        // an annual line of 365 (a day's worth is 1) on a new invoice issued on 2026-12-05
        update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total, total,"
                        + " created_at) VALUES (5, 1, 2, 'EUR', 'DRAFT', '2026-12-19', 365, 0, 365, NOW())");
        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive,"
                        + " description, quantity, unit_price, amount) VALUES (5, 1, NULL, 'RECURRING', '2026-12-05', '2027-12-05',"
                        + " 'a year', 1, 365, 365)");
        update(
                "UPDATE invoice SET status = 'ISSUED', series_key = 'INV-2026-EU', sequence_value = 3, number = 'EU-2026-000003',"
                        + " issue_date = '2026-12-05', issued_at = '2026-12-05 02:00:00' WHERE id = 5");
        assertThat(reports.selectDeferred(LocalDate.parse("2026-12-04")))
                .as("not issued yet")
                .isEmpty();
        // 2026-12-31: 338 days of the year to come; Bruno's monthly line (9, 2026-12-05 - 2027-01-05): 4 of 31 days
        assertThat(reports.selectDeferred(DEC_END)).singleElement().satisfies(d -> {
            assertThat(d.currency()).isEqualTo("EUR");
            assertThat(d.deferred().setScale(2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("339.16");
        });
        // Ada's November (periods ending 2026-12-01) is all recognised by November's end; the credit note of
        // the 22nd (50 of the dedicated line) took back its remaining 8 of 30 days
        assertThat(reports.selectDeferred(LocalDate.parse("2026-11-22")))
                .singleElement()
                .satisfies(d -> assertThat(d.deferred().setScale(2, java.math.RoundingMode.HALF_UP))
                        .isEqualByComparingTo("29.33")); // (160 - 50) x 8 / 30
        assertThat(reports.selectDeferred(LocalDate.parse("2026-11-30"))).isEmpty();
    }

    @Test
    void usageByLatestRatingThresholdEventsAndTrafficNoServiceOwned() {
        String rating =
                "INSERT INTO rated_usage (subscription_id, period_start, period_end_exclusive, revision, currency,"
                        + " active_buckets, period_buckets, rank_index, p95_in_bytes, p95_in_bucket, p95_out_bytes, p95_out_bucket,"
                        + " p95_sum_bytes, direction_mode, billed_mbps, commit_mbps, overage_mbps, bytes_in, bytes_out,"
                        + " samples_fingerprint, rated_at) VALUES (23, '2026-11-01', '2026-12-01', %d, 'USD', 8640, 8640, 8207,"
                        + " %d, 1, 0, 2, %d, 'MAX_OF_IN_AND_OUT', %s, 50, 0, 1000000000, 0, 'fp%d', NOW())";
        update(String.format(rating, 0, 3_000_000_000L, 3_000_000_000L, "80", 0));
        update(String.format(rating, 1, 3_750_000_000L, 3_750_000_000L, "100", 1)); // late samples: a second revision
        update(
                "INSERT INTO usage_threshold_event (subscription_id, period_start, measure, level_percent, observed, threshold,"
                        + " created_at) VALUES (23, '2026-11-01', 'COMMIT', 100, 100, 50, '2026-11-20 01:00:00')");
        assertThat(reports.selectUsage(NOV, DEC_END)).singleElement().satisfies(u -> {
            assertThat(u.revision()).isEqualTo(1);
            assertThat(u.billedMbps()).isEqualByComparingTo("100");
            assertThat(u.label()).isEqualTo("dedi-ada");
            assertThat(u.customerName()).isEqualTo("Ada Lovelace");
        });
        assertThat(reports.selectUsage(DEC_END, DEC_END)).isEmpty();
        assertThat(reports.selectThresholdEvents(NOV, DEC_END))
                .extracting(e -> e.measure() + " " + e.levelPercent() + " " + e.label())
                .containsExactly("COMMIT 100 dedi-ada");
        update(
                "INSERT INTO unattributed_traffic (ip, day, bytes_in, bytes_out, flows) VALUES"
                        + " (INET6_ATON('192.0.2.7'), '2026-11-03', 100, 10, 2), (INET6_ATON('192.0.2.9'), '2026-11-03', 50, 5, 1),"
                        + " (INET6_ATON('198.51.100.1'), '2026-11-03', 1000, 0, 4), (INET6_ATON('2001:db8:1:2::1'), '2026-11-04', 7, 7, 1)");
        assertThat(reports.selectLeak(NOV, DEC_END))
                .extracting(l -> l.day() + " " + l.prefix() + " " + l.addresses() + " " + l.bytesIn() + " " + l.flows())
                .containsExactly(
                        "2026-11-03 198.51.100.0/24 1 1000 4",
                        "2026-11-03 192.0.2.0/24 2 150 3",
                        "2026-11-04 2001:db8:1::/48 1 7 1");
    }

    @Test
    void aMonthsPackFileIsRecordedOnce() {
        ReportFileRow aging = new ReportFileRow(
                "2026-11",
                "aging",
                "xlsx",
                "/srv/reports/2026-11/aging.xlsx",
                "ab".repeat(32),
                1234,
                7L,
                java.time.Instant.parse("2026-12-01T02:10:00Z"));
        assertThat(reports.insertReportFile(aging)).isEqualTo(1);
        assertThat(reports.insertReportFile(new ReportFileRow(
                        "2026-11",
                        "aging",
                        "xlsx",
                        "/elsewhere.xlsx",
                        "cd".repeat(32),
                        1,
                        8L,
                        java.time.Instant.parse("2026-12-02T02:10:00Z"))))
                .as("a rerun writes nothing")
                .isZero();
        assertThat(reports.selectReportFiles("2026-11")).containsExactly(aging);
        assertThat(reports.selectReportFiles("2026-10")).isEmpty();
        StoredReportFile stored = reports.selectStoredReportFiles(10).get(0);
        assertThat(stored.path()).isEqualTo("/srv/reports/2026-11/aging.xlsx");
        assertThat(stored.sizeBytes()).isEqualTo(1234);
        assertThat(reports.selectStoredReportFile(stored.id())).isEqualTo(stored);
        assertThat(reports.selectStoredReportFile(stored.id() + 1)).isNull();
    }

    @Test
    void aReportAskedForInThePortalShowsItsProgressThenItsFileKeptOncePerExecution() {
        update("INSERT INTO job_request (id, action, job_name, as_of, requested_by, requested_at, status, parameters)"
                + " VALUES (5, 'RUN', 'financeReport', '2026-11-30', 'fiona', '2026-11-30 10:00:00', 'STARTED',"
                + " 'format=xlsx\nreport=aging\n'), (6, 'RUN', 'invoiceRun', '2026-11-30', 'adam',"
                + " '2026-11-30 10:00:00', 'REQUESTED', NULL)");
        update(
                "INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (9, 0, 'financeReport', 'k9')");
        update(
                "INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
                        + " STATUS, EXIT_CODE) VALUES (90, 1, 9, '2026-11-30 10:00:01', '2026-11-30 10:00:01', 'STARTED', 'UNKNOWN')");
        update(
                "INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME,"
                        + " STATUS, READ_COUNT, WRITE_COUNT) VALUES (91, 1, 'writeReport', 90, '2026-11-30 10:00:01', 'STARTED', 12000, 5000)");
        assertThat(reports.selectReportRequests(10))
                .singleElement()
                .satisfies(r -> assertThat(r.executionId()).as("not linked yet").isNull())
                .satisfies(r -> assertThat(r.running()).isTrue());
        assertThat(runs.linkJobRequest(5, 90)).isEqualTo(1);
        assertThat(reports.selectReportRequests(10)).singleElement().satisfies(r -> {
            assertThat(r.executionStatus()).isEqualTo("STARTED");
            assertThat(r.rowsRead()).isEqualTo(12000);
            assertThat(r.rowsWritten()).isEqualTo(5000);
            assertThat(r.parameters()).isEqualTo("format=xlsx\nreport=aging\n");
            assertThat(r.outputId()).isNull();
        });
        ReportOutput file = new ReportOutput(
                0,
                90,
                "aging",
                "xlsx",
                "asOf=2026-11-30",
                "aging-2026-11-30.xlsx",
                new byte[] {1, 2, 3},
                3,
                "ab".repeat(32),
                12000,
                "fiona",
                java.time.Instant.parse("2026-11-30T10:00:09Z"));
        assertThat(reports.insertReportOutput(file)).isEqualTo(1);
        assertThat(reports.insertReportOutput(file))
                .as("a restarted execution stores nothing twice")
                .isZero();
        ReportRequestRow done = reports.selectReportRequests(10).get(0);
        assertThat(done.fileName()).isEqualTo("aging-2026-11-30.xlsx");
        assertThat(done.running())
                .as("the file is stored just before its execution completes: the table keeps refreshing")
                .isTrue();
        update(
                "UPDATE BATCH_JOB_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED' WHERE JOB_EXECUTION_ID = 90");
        assertThat(reports.selectReportRequests(10).get(0).running()).isFalse();
        ReportOutput stored = reports.selectReportOutput(done.outputId());
        assertThat(stored.content()).containsExactly(1, 2, 3);
        assertThat(stored.requestedBy()).isEqualTo("fiona");
        assertThat(reports.selectReportOutput(done.outputId() + 1)).isNull();
    }
}
