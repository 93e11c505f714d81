package com.ezscale.billing.migration.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MigrationMapperTest extends MapperTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @Autowired
    MigrationMapper migration;

    @Test
    void aKeyIsRecordedOnceAndItsFingerprintMovesForward() {
        migration.upsertKey("whmcs", "client", new MigrationKey(7, 1, "a".repeat(64)), AT);
        migration.upsertKey("whmcs", "client", new MigrationKey(7, 1, "b".repeat(64)), AT.plusSeconds(60));
        migration.upsertKey("whmcs", "service", new MigrationKey(7, 21, "c".repeat(64)), AT);

        assertThat(migration.selectKeys("whmcs", "client")).containsExactly(new MigrationKey(7, 1, "b".repeat(64)));
        assertThat(migration.selectKeys("whmcs", "service")).containsExactly(new MigrationKey(7, 21, "c".repeat(64)));
        assertThat(migration.selectKeys("other", "client")).isEmpty();
    }

    @Test
    void aKeyWhoseTargetBelongsToAnotherSourceRowIsRefusedNotWrittenOverIt() {
        migration.upsertKey("whmcs", "refund", new MigrationKey(7, 7, "a".repeat(64)), AT);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> migration.upsertKey("whmcs", "refund", new MigrationKey(8, 7, "b".repeat(64)), AT))
                .hasMessageContaining("fingerprint");
        assertThat(migration.selectKeys("whmcs", "refund")).containsExactly(new MigrationKey(7, 7, "a".repeat(64)));
    }

    @Test
    void aRunKeepsItsIssuesAndReconciliationInOrder() {
        GeneratedKey key = new GeneratedKey();
        migration.insertRun(
                new MigrationRun("whmcs", LocalDate.parse("2026-11-30"), false, "ops", AT, AT, "summary", 1, 2), key);
        migration.insertIssue(key.value(), "client", 9, "email 'x' is not an e-mail address");
        migration.insertIssue(key.value(), "service", 4, "its client 9 was not imported");
        ReconciliationLine same = new ReconciliationLine(
                7, 1L, "USD", "services", new BigDecimal("2.000000"), new BigDecimal("2.000000"));
        ReconciliationLine missing =
                new ReconciliationLine(9, null, "EUR", "mrr", new BigDecimal("10.000000"), new BigDecimal("0.000000"));
        migration.insertReconciliation(key.value(), same);
        migration.insertReconciliation(key.value(), missing);

        assertThat(migration.selectIssues(key.value()))
                .containsExactly(
                        "client 9: email 'x' is not an e-mail address", "service 4: its client 9 was not imported");
        assertThat(migration.selectReconciliation(key.value())).containsExactly(same, missing);
        assertThat(missing.differs()).isTrue();
        assertThat(same.differs()).isFalse();
        assertThat(sql(String.class, "SELECT summary FROM migration_run WHERE id = ?", key.value()))
                .isEqualTo("summary");
    }

    @Test
    void runningServicesCarryTheirPlansPriceInTheCustomersCurrency() {
        update("UPDATE subscription SET status = 'SUSPENDED' WHERE id = 22");
        update("UPDATE subscription SET status = 'TERMINATED' WHERE id = 23");

        assertThat(migration.selectRunningServices())
                .containsExactly(
                        new RunningService(1, "USD", BillingCycle.MONTHLY, new BigDecimal("10.000000")),
                        new RunningService(2, "EUR", BillingCycle.MONTHLY, new BigDecimal("9.000000")));
    }

    @Test
    void anUpdateNeverMovesTheCursorBackAndASuspensionIsAnAdmins() {
        migration.updateImportedService(
                21, "SUSPENDED", null, LocalDate.parse("2026-11-01"), "vps-ada.example", "VIRTFUSION", "500", AT);

        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS(' ', status, suspended_by, next_period_start, label, panel_ref)"
                                + " FROM subscription WHERE id = 21"))
                .as("the cursor stays where billing left it")
                .isEqualTo("SUSPENDED ADMIN 2026-12-01 vps-ada.example 500");

        migration.updateImportedService(
                21, "TERMINATED", LocalDate.parse("2027-02-01"), LocalDate.parse("2027-01-01"), null, null, null, AT);

        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS(' ', status, COALESCE(suspended_by, '-'), end_date,"
                                + " next_period_start) FROM subscription WHERE id = 21"))
                .isEqualTo("TERMINATED - 2027-02-01 2027-01-01");
    }

    @Test
    void anImportedInvoiceKeepsItsNumberItsLinesAndThenRefusesChangesLikeOurs() {
        GeneratedKey key = new GeneratedKey();
        BillTo ada = migration.selectBillTo().get(0);
        assertThat(ada)
                .isEqualTo(new BillTo(
                        1, "Ada Lovelace", null, "ada@example.com", "1 Engine St\nN1 1AA London", null, "US", null));
        String seller = migration.selectSellerSnapshot(1);
        assertThat(seller)
                .isEqualTo(sql(
                        String.class,
                        "SELECT CONCAT_WS('\n', legal_name, address, country, vat_number)"
                                + " FROM seller_entity WHERE id = 1"));
        migration.insertHistoricalInvoice(
                new HistoricalInvoice(
                        1,
                        seller,
                        ada,
                        "USD",
                        "WHMCS",
                        1042,
                        "1042",
                        LocalDate.parse("2025-03-15"),
                        LocalDate.parse("2025-03-01"),
                        Instant.parse("2025-03-01T00:00:00Z"),
                        new BigDecimal("20.00"),
                        new BigDecimal("2.00"),
                        new BigDecimal("22.00"),
                        AT,
                        "PARTIALLY_PAID",
                        new BigDecimal("5.00"),
                        new BigDecimal("12.00"),
                        null),
                key);
        assertThat(migration.selectIdsInSeries("WHMCS", List.of(1042L, 1043L)))
                .as("found again by its number (how a chunk loaded by LOAD DATA gets its ids)")
                .containsExactly(new MigrationMapper.SequencedId(1042, key.value()));
        assertThat(migration.selectIdsInSeries("OTHER", List.of(1042L))).isEmpty();
        assertThat(migration.selectIdsInSeriesFrom("WHMCS", key.value(), 10))
                .as("the series' invoices from an id on")
                .containsExactly(new MigrationMapper.SequencedId(1042, key.value()));
        assertThat(migration.selectIdsInSeriesFrom("WHMCS", 1, 0))
                .as("none asked for")
                .isEmpty();
        assertThat(migration.selectIdsInSeriesFrom("INV-2026", 1, 10))
                .as("another series' (our own issued invoices)")
                .isNotEmpty()
                .noneMatch(id -> id.id() == key.value());
        HistoricalLine line = new HistoricalLine(
                key.value(),
                1,
                21L,
                1L,
                "RECURRING",
                LocalDate.parse("2025-03-15"),
                LocalDate.parse("2025-04-15"),
                0,
                "VPS S (2025-03-15)",
                new BigDecimal("20.00"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalLine(line))
                .as("written as it ended in WHMCS (not a draft): no line without the history load")
                .hasMessageContaining("immutable");
        update("SET @ezscale_history_load = 'OTHER'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalLine(line))
                .as("nor with another series named")
                .hasMessageContaining("immutable");
        update("SET " + HistoricalInvoice.HISTORY_LOAD + " = 'WHMCS'");
        migration.insertHistoricalLine(line);
        migration.insertHistoricalTax(
                key.value(), "Sales tax", new BigDecimal("10.000"), new BigDecimal("20.00"), new BigDecimal("2.00"));
        assertThat(sql(String.class, "SELECT CONCAT(status, ' ', series_key) FROM invoice WHERE id = 7"))
                .isEqualTo("ISSUED INV-2026");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalLine(
                        new HistoricalLine(7, 9, null, null, "ONE_TIME", null, null, 0, "added later", BigDecimal.ONE)))
                .as("our own issued invoice takes no line, whatever the session says")
                .hasMessageContaining("immutable");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> migration.insertHistoricalTax(7, "Tax", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .as("nor tax")
                .hasMessageContaining("immutable");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> update("UPDATE invoice_line SET amount = 1 WHERE invoice_id = ?", key.value()))
                .as("the imported invoice's lines change no more than ours, whatever the session says")
                .hasMessageContaining("immutable");
        // V36: the ids the load just wrote, taken without a lookup; nothing else
        update(
                "SET " + HistoricalInvoice.HISTORY_FROM + " = ?, " + HistoricalInvoice.HISTORY_TO + " = ?",
                key.value(),
                key.value());
        migration.insertHistoricalTax(
                key.value(), "Tax 2", new BigDecimal("5.000"), new BigDecimal("20.00"), new BigDecimal("1.00"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalLine(
                        new HistoricalLine(7, 10, null, null, "ONE_TIME", null, null, 0, "out of it", BigDecimal.ONE)))
                .as("our own issued invoice, outside the range the load names, is looked up and refused")
                .hasMessageContaining("immutable");
        update("SET " + HistoricalInvoice.HISTORY_LOAD + " = 'OTHER'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalTax(
                        key.value(), "Tax 3", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .as("a range is nothing without the WHMCS series named")
                .hasMessageContaining("immutable");
        assertThat(sql(
                        String.class,
                        "SELECT GROUP_CONCAT(tax_name ORDER BY tax_name) FROM invoice_tax WHERE invoice_id = ?",
                        key.value()))
                .isEqualTo("Sales tax,Tax 2");
        update("SET " + HistoricalInvoice.HISTORY_LOAD + " = NULL, " + HistoricalInvoice.HISTORY_FROM + " = NULL, "
                + HistoricalInvoice.HISTORY_TO + " = NULL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.insertHistoricalTax(
                        key.value(), "Tax 4", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE))
                .as("the load over, the imported invoice takes no more tax")
                .hasMessageContaining("immutable");

        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS(' ', number, series_key, status, total, credit_applied, amount_paid, bill_to_name,"
                                + " bill_to_country) FROM invoice WHERE id = ?",
                        key.value()))
                .isEqualTo("1042 WHMCS PARTIALLY_PAID 22.0000 5.0000 12.0000 Ada Lovelace US");
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS(' ', subscription_id, plan_id, charge_kind, amount) FROM invoice_line"
                                + " WHERE invoice_id = ?",
                        key.value()))
                .isEqualTo("21 1 RECURRING 20.0000");
        assertThat(migration.selectOpenBalances("WHMCS"))
                .contains(new Amount(1, "USD", "open", new BigDecimal("10.0000")));
        assertThat(migration.selectLineRevisions())
                .contains(new LineRevision(21, "RECURRING", LocalDate.parse("2025-03-15"), 0))
                .contains(new LineRevision(21, "RECURRING", LocalDate.parse("2026-11-01"), 0));
        MigrationMapper.HistoricalState state = new MigrationMapper.HistoricalState(
                1042, key.value(), "PARTIALLY_PAID", new BigDecimal("12.0000"), null);
        assertThat(migration.selectHistoricalStates("WHMCS"))
                .as("how a rerun finds what it imported: by the WHMCS id, its value in the series")
                .containsExactly(state);
        assertThat(migration.selectHistoricalStates("INV-2026")).noneMatch(h -> h.id() == key.value());
        assertThat(migration.selectInvoiceNumbers())
                .as("the numbers an import must not give again: WHMCS's and ours")
                .contains("1042")
                .hasSize(sql(Integer.class, "SELECT COUNT(*) FROM invoice WHERE number IS NOT NULL"))
                .doesNotContainNull();
        assertThat(state.changedBy("PARTIALLY_PAID", new BigDecimal("12.00"), null))
                .as("the same")
                .isFalse();
        assertThat(state.changedBy("PARTIALLY_PAID", new BigDecimal("7.00"), null))
                .as("less paid: what was paid never goes down, so nothing to write")
                .isFalse();
        assertThat(state.changedBy("PARTIALLY_PAID", new BigDecimal("12.01"), null))
                .isTrue();
        assertThat(state.changedBy("PAID", new BigDecimal("12.00"), null)).isTrue();
        assertThat(state.changedBy("PARTIALLY_PAID", new BigDecimal("12.00"), AT))
                .as("paid in full on a day")
                .isTrue();
        assertThat(migration.resettleHistoricalInvoice(key.value(), "PAID", new BigDecimal("7.00"), AT))
                .isOne();
        assertThat(sql(String.class, "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = ?", key.value()))
                .as("what was paid never goes down")
                .isEqualTo("PAID 12.0000");
        MigrationMapper.HistoricalState settled =
                migration.selectHistoricalStates("WHMCS").get(0);
        assertThat(settled)
                .isEqualTo(
                        new MigrationMapper.HistoricalState(1042, key.value(), "PAID", new BigDecimal("12.0000"), AT));
        assertThat(settled.changedBy("PAID", new BigDecimal("7.00"), AT))
                .as("resettled with the same values: a rerun writes nothing")
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> update("UPDATE invoice SET total = 1 WHERE id = ?", key.value()))
                .hasMessageContaining("immutable");
    }

    @Test
    void anImportedPaymentIsRefundedInPartThenInFullAndItsIssuedEmailIsNeverSent() {
        GeneratedKey key = new GeneratedKey();
        migration.insertHistoricalPayment(
                new HistoricalPayment(
                        2,
                        8L,
                        "EUR",
                        new BigDecimal("10.71"),
                        new BigDecimal("10.71"),
                        "PAYPAL",
                        "WHMCS-77:PAY-1",
                        LocalDate.parse("2025-12-06"),
                        AT,
                        BigDecimal.ZERO,
                        77),
                key);
        assertThat(migration.selectImportedPaymentIds())
                .as("how a rerun finds it: by its WHMCS id")
                .containsExactly(new MigrationMapper.SequencedId(77, key.value()));
        assertThat(migration.selectPaymentIds("PAYPAL", List.of("WHMCS-77:PAY-1", "WHMCS-78")))
                .as("found again by its method and reference (how a chunk loaded by LOAD DATA gets its ids)")
                .containsExactly(new MigrationMapper.ReferencedId("PAYPAL", "WHMCS-77:PAY-1", key.value()));
        assertThat(migration.selectMigrationPaymentIdsFrom(key.value(), 5))
                .as("a migration's payments from an id on (how a loaded chunk gets its ids from the first one)")
                .containsExactly(new MigrationMapper.ReferencedId("PAYPAL", "WHMCS-77:PAY-1", key.value()));
        assertThat(migration.selectMigrationPaymentIdsFrom(key.value() + 1, 5)).isEmpty();
        assertThat(migration.selectPaymentIds("CARD", List.of("WHMCS-77:PAY-1")))
                .as("another method's")
                .isEmpty();
        migration.refundHistoricalPayment(key.value(), new BigDecimal("4.00"));
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT(status, ' ', refunded_amount) FROM payment WHERE id = ?",
                        key.value()))
                .isEqualTo("SUCCEEDED 4.0000");
        migration.refundHistoricalPayment(key.value(), new BigDecimal("6.71"));
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT(status, ' ', refunded_amount) FROM payment WHERE id = ?",
                        key.value()))
                .isEqualTo("REFUNDED 10.7100");
        assertThat(migration.selectYearTotals("WHMCS", "migration"))
                .contains(new Amount(2025, "EUR", "paid", new BigDecimal("0.0000")));

        // written with the refunds WHMCS had already made of it, in part or in full
        for (String refunded : List.of("3.00", "10.71", "11.00")) {
            GeneratedKey other = new GeneratedKey();
            migration.insertHistoricalPayment(
                    new HistoricalPayment(
                            2,
                            null,
                            "EUR",
                            new BigDecimal("10.71"),
                            BigDecimal.ZERO,
                            "PAYPAL",
                            "WHMCS-" + refunded,
                            LocalDate.parse("2025-12-06"),
                            AT,
                            new BigDecimal(refunded),
                            new BigDecimal(refunded).movePointRight(2).longValueExact()),
                    other);
            assertThat(sql(
                            String.class,
                            "SELECT CONCAT(status, ' ', refunded_amount) FROM payment WHERE id = ?",
                            other.value()))
                    .isEqualTo((refunded.equals("3.00") ? "SUCCEEDED " : "REFUNDED ") + refunded + "00");
        }

        migration.insertSentElsewhereNotice(8, 2, AT);
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT(status, ' ', action) FROM outbox WHERE dedupe_key = 'EMAIL:ISSUED:8'"))
                .isEqualTo("CANCELLED invoice-issued");
    }

    @Test
    void aGatewayCustomerComesOverUnlessOneWasSetUpHere() {
        update("INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at)"
                + " VALUES (2, 'STRIPE', 'cus_Here1', 'pm_Here1', '2026-11-30 10:00:00')");

        assertThat(migration.insertGatewayCustomer(1, "STRIPE", "cus_W100001", "pm_W1", AT))
                .isEqualTo(1);
        assertThat(migration.insertGatewayCustomer(2, "STRIPE", "cus_W100002", null, AT))
                .isZero();

        assertThat(sql(
                        String.class,
                        "SELECT GROUP_CONCAT(CONCAT_WS('/', customer_id, gateway_customer_id,"
                                + " payment_method_id) ORDER BY customer_id) FROM gateway_customer"))
                .isEqualTo("1/cus_W100001/pm_W1,2/cus_Here1/pm_Here1");
    }

    @Test
    void aPlanChangeTheSourceBilledIsHistoryAndItsChargeCoversItsDays() {
        GeneratedKey change = new GeneratedKey();
        migration.insertHistoricalPlanChange(
                21, "UPGRADE", LocalDate.parse("2026-11-20"), 1, 2, AT, "WHMCS upgrade 7", change);

        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS('/', kind, timing, status, needs_billing, from_plan_id, to_plan_id, requested_by)"
                                + " FROM plan_change WHERE id = ?",
                        change.value()))
                .isEqualTo("UPGRADE/IMMEDIATE/ACTIVE/0/1/2/migration");
    }
}
