package com.ezscale.billing.invoice.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.Invoice;
import com.ezscale.billing.invoice.InvoiceLine;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InvoiceMapperTest extends MapperTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

    @Autowired
    InvoiceMapper invoices;

    static InvoiceDraftRow draft(long customerId, Currency currency, Long runId, boolean onHold, Long lateFeeFor) {
        return new InvoiceDraftRow(
                1,
                customerId,
                currency,
                runId,
                LocalDate.parse("2026-12-15"),
                new BigDecimal("10.00"),
                BigDecimal.ZERO,
                new BigDecimal("10.00"),
                AT,
                false,
                "NONE",
                null,
                onHold,
                onHold ? "over the approval threshold" : null,
                lateFeeFor);
    }

    static InvoiceLineRow line(
            long invoiceId, int lineNo, long subscriptionId, ChargeKind kind, String from, String to) {
        return new InvoiceLineRow(
                invoiceId,
                lineNo,
                subscriptionId,
                kind,
                LocalDate.parse(from),
                LocalDate.parse(to),
                0,
                "VPS S",
                BigDecimal.ONE,
                new BigDecimal("10.00"),
                new BigDecimal("10.00"),
                null,
                1L,
                LocalDate.parse(from),
                LocalDate.parse(to),
                null,
                null,
                null,
                "",
                null,
                null);
    }

    @Test
    void theSellerComesFromTheMigrations() {
        assertThat(invoices.selectSellers()).singleElement().satisfies(s -> {
            assertThat(s.code()).isEqualTo("EZSCALE");
            assertThat(s.invoiceSeries()).isEqualTo("INV-{year}-{000001}");
        });
        assertThat(invoices.selectCreditNoteSeries(1)).isEqualTo("CN-{year}-{000001}");
    }

    @Test
    void aDraftWrittenWithItsLinesIsFoundByItsRunAndIssuedWithTheCustomersAddressFrozen() {
        invoices.insertDraft(draft(1, USD, 900L, false, null));
        List<DraftId> drafts = invoices.selectDraftIds(900, List.of(1L, 2L));
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.customerId()).isEqualTo(1);
            assertThat(d.currency()).isEqualTo(USD);
        });
        long id = drafts.get(0).id();
        invoices.insertLine(line(id, 1, 21, ChargeKind.RECURRING, "2026-12-01", "2027-01-01"));
        invoices.insertTax(
                new InvoiceTaxRow(id, "Sales tax", new BigDecimal("5.00"), new BigDecimal("10.00"), BigDecimal.ZERO));

        assertThat(invoices.selectIssuablePage(0, 10))
                .extracting(IssuableInvoice::id)
                .containsExactly(8L, id);
        assertThat(invoices.selectIssuablePage(8, 10))
                .extracting(IssuableInvoice::id)
                .containsExactly(id);
        assertThat(invoices.lockDrafts(List.of(7L, 8L, id))).containsExactly(8L, id);

        invoices.insertSeriesIfAbsent("INV-2026");
        invoices.insertSeriesIfAbsent("INV-2027");
        assertThat(invoices.lockSeries("INV-2026")).isEqualTo(7);
        assertThat(invoices.lockSeries("INV-2027")).isZero();
        invoices.updateSeries("INV-2026", 8);
        assertThat(invoices.lockSeries("INV-2026")).isEqualTo(8);

        assertThat(invoices.issue(id, "INV-2026", 8, "INV-2026-000008", LocalDate.parse("2026-12-01"), AT))
                .isEqualTo(1);
        assertThat(invoices.issue(id, "INV-2026", 9, "INV-2026-000009", LocalDate.parse("2026-12-01"), AT))
                .as("an issued invoice is not issued again")
                .isZero();
        assertThat(invoices.issueNumbers(
                        "INV-2026", "[[" + id + ", 9, \"INV-2026-000009\"]]", LocalDate.parse("2026-12-02"), AT))
                .as("nor through the set-based statement")
                .isZero();
        Invoice issued = invoices.selectById(id);
        assertThat(issued.status()).isEqualTo(InvoiceStatus.ISSUED);
        assertThat(issued.number()).isEqualTo("INV-2026-000008");
        assertThat(issued.billToName()).isEqualTo("Ada Lovelace");
        assertThat(issued.billToAddress()).isEqualTo("1 Engine St\nN1 1AA London");
        assertThat(issued.billToCountry()).isEqualTo("US");
        assertThat(invoices.selectInvoiceNumber(id)).isEqualTo("INV-2026-000008");
        assertThat(invoices.selectNumbersStartingWith("INV-")).contains("INV-2026-000008");
        assertThat(invoices.selectNumbersStartingWith("INV-2026-000008")).containsExactly("INV-2026-000008");
        assertThat(invoices.selectNumbersStartingWith("")).contains("INV-2026-000008");
        assertThat(invoices.selectNumbersStartingWith("INV_"))
                .as("taken literally")
                .isEmpty();
        assertThat(invoices.selectNumbersStartingWith("NV-")).isEmpty();
        assertThat(sql(String.class, "SELECT seller_snapshot FROM invoice WHERE id = ?", id))
                .startsWith("EZSCALE Hosting LLC\n1 Datacenter Way");

        List<InvoiceLine> lines = invoices.selectLines(id);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.chargeKind()).isEqualTo(ChargeKind.RECURRING);
            assertThat(l.subscriptionId()).isEqualTo(21L);
            assertThat(l.amount()).isEqualByComparingTo("10.00");
        });
        assertThat(invoices.selectInvoiceTaxes(id))
                .extracting(InvoiceTaxRow::taxName)
                .containsExactly("Sales tax");
    }

    @Test
    void aChunksDraftsAreIssuedInOneStatementEachWithItsNumberAndItsOwnCustomersSnapshot() {
        invoices.insertDraft(draft(1, USD, 904L, false, null));
        long ada = invoices.selectDraftIds(904, List.of(1L)).get(0).id();
        List<Long> locked = invoices.lockDrafts(List.of(8L, ada));
        assertThat(locked).containsExactly(8L, ada);

        assertThat(invoices.issueNumbered(
                        "INV-2026",
                        List.of(
                                new InvoiceMapper.IssueNumber(8L, 8, "INV-2026-000008"),
                                new InvoiceMapper.IssueNumber(ada, 9, "INV-2026-000009")),
                        LocalDate.parse("2026-12-05"),
                        AT))
                .isEqualTo(2);
        Invoice bruno = invoices.selectById(8);
        assertThat(bruno.number()).isEqualTo("INV-2026-000008");
        assertThat(bruno.billToName()).isEqualTo("Bruno Weber");
        assertThat(bruno.billToAddress()).isEqualTo("Hauptstr. 1\n10115 Berlin");
        Invoice issued = invoices.selectById(ada);
        assertThat(issued.number()).isEqualTo("INV-2026-000009");
        assertThat(issued.billToName()).isEqualTo("Ada Lovelace");
        assertThat(issued.issueDate()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(sql(Long.class, "SELECT sequence_value FROM invoice WHERE id = ?", ada))
                .isEqualTo(9L);
        assertThat(invoices.issueNumbered(
                        "INV-2026",
                        List.of(new InvoiceMapper.IssueNumber(ada, 10, "INV-2026-000010")),
                        LocalDate.parse("2026-12-05"),
                        AT))
                .as("issued already")
                .isZero();
    }

    @Test
    void aLateFeeDraftNamesTheInvoiceItIsFor() {
        invoices.insertDraft(draft(1, USD, null, false, 7L));
        assertThat(invoices.selectLateFeeDraftIds(List.of(7L, 8L)))
                .singleElement()
                .satisfies(d -> assertThat(d.forInvoiceId()).isEqualTo(7));
    }

    @Test
    void heldDraftsAreListedForApprovalAndLeaveTheIssueQueueUntilApproved() {
        invoices.insertDraft(draft(2, Currency.getInstance("EUR"), 901L, true, null));
        long id = invoices.selectDraftIds(901, List.of(2L)).get(0).id();
        assertThat(invoices.selectHeld()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(id);
            assertThat(h.customerName()).isEqualTo("Bruno Weber");
            assertThat(h.holdReason()).isEqualTo("over the approval threshold");
        });
        assertThat(invoices.selectIssuablePage(0, 10))
                .extracting(IssuableInvoice::id)
                .containsExactly(8L);

        assertThat(invoices.approve(id, "finance@ezscale", AT)).isEqualTo(1);
        assertThat(invoices.selectHeld()).isEmpty();
        assertThat(invoices.selectIssuablePage(0, 10))
                .extracting(IssuableInvoice::id)
                .containsExactly(8L, id);
        assertThat(invoices.approve(7, "finance@ezscale", AT))
                .as("only a draft is approved")
                .isZero();
    }

    @Test
    void paymentsAndCreditMoveAnIssuedInvoiceToPaidAndTheTotalsFollow() {
        assertThat(invoices.selectTotalsByStatusAndCurrency())
                .extracting(t -> t.status() + " " + t.currency() + " " + t.invoices() + " "
                        + t.total().toPlainString() + " " + t.owed().toPlainString())
                .containsExactly("DRAFT EUR 1 10.7100 0.0000", "ISSUED USD 1 160.0000 160.0000");

        assertThat(invoices.selectInvoicePage("INV-2026", null, "ISSUED", null, 10))
                .as("drafts are not listed")
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.number()).isEqualTo("INV-2026-000007");
                    assertThat(r.owed()).isEqualByComparingTo("160.00");
                });
        assertThat(invoices.selectInvoicePage(null, null, null, 7L, 10)).isEmpty();
        assertThat(invoices.selectInvoicePage("INV-2025", null, null, null, 10)).isEmpty();
        InvoiceForCredit locked = invoices.lockInvoice(null, "INV-2026-000007");
        assertThat(locked.id()).isEqualTo(7);
        assertThat(locked.amountPaid()).isEqualByComparingTo("0");
        assertThat(invoices.lockInvoice(7L, null).number()).isEqualTo("INV-2026-000007");

        assertThat(invoices.applyPayment(7, new BigDecimal("100.00"), "PARTIALLY_PAID", AT))
                .isEqualTo(1);
        invoices.applyCredit(7, new BigDecimal("60.00"), "PAID", AT);
        assertThat(invoices.lockInvoice(7L, null))
                .satisfies(i -> assertThat(i.amountPaid()).isEqualByComparingTo("160.00"))
                .satisfies(i -> assertThat(i.status()).isEqualTo("PAID"));
        assertThat(sql(BigDecimal.class, "SELECT credit_applied FROM invoice WHERE id = 7"))
                .isEqualByComparingTo("60.00");
        assertThat(invoices.applyPayment(7, BigDecimal.ONE, "PAID", AT))
                .as("a paid invoice takes no more payments")
                .isZero();
        assertThat(invoices.selectTotalsByStatusAndCurrency())
                .extracting(t -> t.status() + " " + t.owed().toPlainString())
                .containsExactly("DRAFT 0.0000", "PAID 0.0000");
        assertThat(invoices.selectInvoiceListRow("INV-2026-000007"))
                .satisfies(r -> assertThat(r.status()).isEqualTo("PAID"))
                .satisfies(r -> assertThat(r.owed()).isEqualByComparingTo("0"));
    }

    @Test
    void anInvoiceSettledByCarriedCreditAtIssue() {
        invoices.insertDraft(draft(1, USD, 902L, false, null));
        long id = invoices.selectDraftIds(902, List.of(1L)).get(0).id();
        invoices.insertLine(new InvoiceLineRow(
                id,
                1,
                null,
                ChargeKind.CREDIT_CARRIED,
                null,
                null,
                0,
                "Credit carried",
                BigDecimal.ONE,
                new BigDecimal("-4.00"),
                new BigDecimal("-4.00"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "credit",
                null,
                null));
        assertThat(invoices.selectIssueSettlements(List.of(7L, id)))
                .extracting(s ->
                        s.id() + " " + s.carried().toPlainString() + " " + s.creditOptOut() + " " + s.fromPlanChange())
                .containsExactly("7 0.0000 false false", id + " -4.0000 false false");

        invoices.issue(id, "INV-2026", 8, "INV-2026-000008", LocalDate.parse("2026-12-01"), AT);
        assertThat(invoices.settleWithCredit(id, new BigDecimal("10.00"), "PAID", AT))
                .isEqualTo(1);
        assertThat(invoices.settleWithCredit(id, new BigDecimal("10.00"), "PAID", AT))
                .as("only an issued invoice is settled")
                .isZero();
        assertThat(invoices.updateInvoiceStatus(7, "VOID")).isEqualTo(1);
        assertThat(invoices.selectById(7).status()).isEqualTo(InvoiceStatus.VOID);
    }

    @Test
    void theLinesAServiceHasAlreadyBeenBilledFor() {
        assertThat(invoices.selectExistingLineKeys(List.of(1L)))
                .as("a line before the service's next period start is history, not a key to skip")
                .isEmpty();
        update("UPDATE subscription SET next_period_start = '2026-11-01' WHERE id = 21");
        assertThat(invoices.selectExistingLineKeys(List.of(1L, 2L)))
                .as("Bruno's draft for the period his service is due for: written before a crash, found on the rerun")
                .containsExactlyInAnyOrder(
                        new LineKey(21, ChargeKind.RECURRING, LocalDate.parse("2026-11-01")),
                        new LineKey(22, ChargeKind.RECURRING, LocalDate.parse("2026-12-05")));

        assertThat(invoices.selectCoverage(List.of(21L, 22L)))
                .extracting(c -> c.subscriptionId() + " " + c.chargeKind() + " " + c.periodStart() + " " + c.planId())
                .containsExactly("21 RECURRING 2026-11-01 1", "22 RECURRING 2026-12-05 1");

        // November's usage was billed in arrears on December's invoice; December's rating is not billed yet
        update("INSERT INTO rated_usage (subscription_id, period_start, period_end_exclusive, revision, currency,"
                + " active_buckets, period_buckets, rank_index, p95_in_bytes, p95_in_bucket, p95_out_bytes, p95_out_bucket,"
                + " p95_sum_bytes, direction_mode, billed_mbps, bytes_in, bytes_out, samples_fingerprint, rated_at)"
                + " VALUES (23, '2026-12-01', '2027-01-01', 0, 'USD', 10, 8928, 9, 1, 1, 1, 1, 2, 'MAX_OF_IN_AND_OUT', 120, 5, 5, 'f',"
                + " '2026-12-02 00:00:00')");
        long rated = sql(Long.class, "SELECT id FROM rated_usage WHERE subscription_id = 23");
        invoices.insertDraft(draft(1, USD, 903L, false, null));
        long december = invoices.selectDraftIds(903, List.of(1L)).get(0).id();
        InvoiceLineRow commit = line(december, 1, 23, ChargeKind.USAGE_COMMIT, "2026-11-01", "2026-12-01");
        invoices.insertLine(commit);
        assertThat(invoices.selectPreviousUsage(List.of(1L)))
                .extracting(p -> p.ratedUsageId() + " " + p.chargeKind() + " "
                        + p.amount().toPlainString())
                .containsExactly(rated + " USAGE_COMMIT 10.0000");
        assertThat(invoices.selectPreviousUsage(List.of(2L))).isEmpty();
    }

    @Test
    void aSellerEntityGetsItsIdFromTheDatabase() {
        GeneratedKey key = new GeneratedKey();
        invoices.insertSeller(
                new SellerEntity(
                        0,
                        "EZSCALE-EU",
                        "EZSCALE Europe BV",
                        "1 Dam, Amsterdam",
                        "NL",
                        "NL123456789B01",
                        "EU-{year}-{000001}",
                        "EUCN-{year}-{000001}"),
                key);
        assertThat(invoices.selectSellers()).extracting(SellerEntity::code).containsExactly("EZSCALE", "EZSCALE-EU");
        assertThat(invoices.selectCreditNoteSeries(key.value())).isEqualTo("EUCN-{year}-{000001}");
    }
}
