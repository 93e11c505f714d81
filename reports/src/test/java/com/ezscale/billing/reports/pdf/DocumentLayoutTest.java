package com.ezscale.billing.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.document.db.CreditNoteSheet;
import com.ezscale.billing.document.db.CreditNoteSheetLine;
import com.ezscale.billing.document.db.InvoiceSheet;
import com.ezscale.billing.document.db.SheetLine;
import com.ezscale.billing.document.db.SheetTax;
import com.ezscale.billing.document.db.UsageEvidence;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an invoice and a credit note print, from their rows alone. */
class DocumentLayoutTest {

    static final LocalDate NOV = LocalDate.parse("2026-11-01");

    static InvoiceSheet invoice(
            String currency, String taxMode, String taxNote, String total, String credit, String paid) {
        BigDecimal t = new BigDecimal(total);
        return new InvoiceSheet(
                7,
                "INV-2026-000007",
                currency,
                NOV,
                NOV.plusDays(14),
                Instant.parse("2026-11-01T02:00:00Z"),
                "EZSCALE Hosting B.V.\nKeizersgracht 1, Amsterdam\nNL\nNL123456789B01",
                "Zoë Müller",
                "Schön GmbH",
                "zoe@example.com",
                "Hauptstraße 5\n10115 Berlin",
                null,
                "DE",
                "DE811907980",
                t,
                BigDecimal.ZERO,
                t,
                new BigDecimal(credit),
                new BigDecimal(paid),
                false,
                taxMode,
                taxNote);
    }

    static SheetLine line(int no, String kind, String amount, Integer discounts, Long rating) {
        return new SheetLine(
                no,
                kind,
                kind + " line " + no,
                NOV,
                NOV.plusMonths(1),
                BigDecimal.ONE,
                new BigDecimal(amount),
                new BigDecimal(amount),
                discounts,
                rating);
    }

    @Test
    void eachDiscountPrintsRightUnderTheLineItDiscounts() {
        List<SheetLine> lines = List.of(
                line(1, "RECURRING", "10", null, null),
                line(2, "RECURRING", "20", null, null),
                line(3, "DISCOUNT", "-2", 2, null),
                line(4, "DISCOUNT", "-1", 1, null),
                line(5, "SETUP", "5", null, null));
        assertThat(DocumentLayout.ordered(lines).stream().map(SheetLine::lineNo))
                .containsExactly(1, 4, 2, 3, 5);
        PrintedDocument d = DocumentLayout.invoice(
                invoice("EUR", "STANDARD", null, "32.00", "0", "0"), lines, List.of(), List.of(), Map.of(), "");
        assertThat(d.rows().get(1).description()).isEqualTo("   ↳ DISCOUNT line 4");
        assertThat(d.rows().get(1).quantity()).isEmpty();
        assertThat(d.rows().get(1).amount()).isEqualTo("-1.00");
    }

    @ParameterizedTest(name = "{0} {1} prints {2}, with its sign {3}")
    @CsvSource({
        "EUR, 1234.5,     '1,234.50', '€1,234.50'",
        "GBP, -0.5,       '-0.50',    '-£0.50'",
        "JPY, 1234.4,     '1,234',    '¥1,234'",
        "USD, 1000000,    '1,000,000.00', '$1,000,000.00'",
        "SEK, 12.345,     '12.35',    'SEK 12.35'",
    })
    void amountsPrintAtTheirCurrencysScale(String currency, String value, String plain, String signed) {
        java.util.Currency c = java.util.Currency.getInstance(currency);
        assertThat(DocumentLayout.amount(new BigDecimal(value), c)).isEqualTo(plain);
        assertThat(DocumentLayout.money(new BigDecimal(value), c)).isEqualTo(signed);
    }

    @Test
    void whatIsDueIsTheTotalLessCreditAppliedAndPaidAtIssueWithTheReverseChargeNote() {
        PrintedDocument d = DocumentLayout.invoice(
                invoice("EUR", "REVERSE_CHARGE", null, "100.00", "30.00", "20.00"),
                List.of(line(1, "RECURRING", "100", null, null)),
                List.of(),
                List.of(),
                Map.of(),
                "Pay by transfer quoting {number}.");
        assertThat(d.totals())
                .extracting(p -> p[0] + "=" + p[1])
                .containsExactly(
                        "Subtotal=100.00",
                        "VAT 0% (reverse charge)=0.00",
                        "Total=€100.00",
                        "Account credit applied=-30.00",
                        "Paid=-20.00");
        assertThat(d.dueValue()).isEqualTo("€50.00");
        assertThat(d.dueLabel()).isEqualTo("Amount due by 2026-11-15");
        assertThat(d.notes())
                .contains("Reverse charge: VAT to be accounted for by the recipient")
                .contains("Pay by transfer quoting INV-2026-000007.");
        assertThat(d.buyerName()).isEqualTo("Schön GmbH");
        assertThat(d.buyerDetails()).contains("Zoë Müller", "Hauptstraße 5", "VAT DE811907980");
        assertThat(d.sellerName()).isEqualTo("EZSCALE Hosting B.V.");
        assertThat(d.sellerDetails()).endsWith("VAT NL123456789B01");
    }

    @Test
    void aPaidInvoiceOwesNothingAndPrintsNoPaymentInstructions() {
        PrintedDocument d = DocumentLayout.invoice(
                invoice("USD", "STANDARD", null, "10.00", "10.00", "0"),
                List.of(line(1, "RECURRING", "10", null, null)),
                List.of(new SheetTax("Sales tax", new BigDecimal("8.2500"), new BigDecimal("10"), BigDecimal.ZERO)),
                List.of(),
                Map.of(),
                "Pay by transfer quoting {number}.");
        assertThat(d.dueValue()).isEqualTo("$0.00");
        assertThat(d.dueLabel()).isEqualTo("Amount due");
        assertThat(d.notes()).doesNotContain("Pay by transfer");
        assertThat(d.totals()).extracting(p -> p[0]).contains("Sales tax 8.25% of 10.00");
    }

    @Test
    void a95thPercentileLinePrintsItsEvidenceUnderIt() {
        UsageEvidence e = new UsageEvidence(
                41,
                9,
                NOV,
                NOV.plusMonths(1),
                0,
                8640,
                8640,
                8207,
                3_750_000_000L, // 100 Mbit/s in a 5-minute bucket
                1_875_000_000L,
                "MAX_OF_IN_AND_OUT",
                new BigDecimal("100.000000"),
                new BigDecimal("50.000000"),
                new BigDecimal("50.000000"),
                1_200_000_000_000L,
                600_000_000_000L,
                null,
                null,
                null,
                null);
        String text = DocumentLayout.evidence(e, "USAGE_COMMIT");
        assertThat(text)
                .contains("in 100.00 Mbit/s, out 50.00 Mbit/s")
                .contains("N = 8,640 five-minute samples, rank 8,208 (the 432 highest dropped)")
                .contains(
                        "Billed on the higher of in and out: 100.00 Mbit/s; commit 50.00 Mbit/s; overage 50.00 Mbit/s")
                .contains("Transfer in 1.20 TB, out 600.00 GB");
        PrintedDocument d = DocumentLayout.invoice(
                invoice("USD", "NONE", null, "75.00", "0", "0"),
                List.of(line(1, "USAGE_COMMIT", "75", null, 41L), line(2, "USAGE_TRANSFER", "0", null, 41L)),
                List.of(),
                List.of(e),
                Map.of(41L, new UsageChart(NOV, new double[] {1}, new double[] {1}, BigDecimal.TEN, null, "p95")),
                "");
        assertThat(d.rows().get(0).evidence()).isEqualTo(text);
        assertThat(d.rows().get(0).chart()).isNotNull();
        assertThat(d.rows().get(1).chart())
                .as("the transfer line shares the rating, not the chart")
                .isNull();
    }

    @Test
    void aCreditNoteNamesTheInvoiceItCreditsAndHowItWasSettled() {
        CreditNoteSheet note = new CreditNoteSheet(
                3,
                "CN-2026-000003",
                "INV-2026-000007",
                NOV,
                "EUR",
                NOV.plusDays(3),
                Instant.parse("2026-11-04T10:00:00Z"),
                "LINES",
                "service was down for two days",
                "ACCOUNT_CREDIT",
                "EZSCALE Hosting B.V.\nKeizersgracht 1, Amsterdam\nNL",
                "Zoë Müller",
                null,
                "zoe@example.com",
                null,
                null,
                "DE",
                null,
                new BigDecimal("10.00"),
                new BigDecimal("1.90"),
                new BigDecimal("11.90"),
                new BigDecimal("4.00"));
        PrintedDocument d = DocumentLayout.creditNote(
                note,
                List.of(new CreditNoteSheetLine(
                        1, "VPS 4 GB, 2 days", new BigDecimal("10.00"), "VAT", new BigDecimal("19"))),
                List.of(new SheetTax(
                        "VAT", new BigDecimal("19.0000"), new BigDecimal("10.00"), new BigDecimal("1.90"))));
        assertThat(d.title()).isEqualTo("CREDIT NOTE");
        assertThat(d.meta()).extracting(p -> p[0] + "=" + p[1]).contains("Credits invoice=INV-2026-000007");
        assertThat(d.dueValue()).isEqualTo("€11.90");
        assertThat(d.notes())
                .contains("Reason: service was down for two days")
                .contains(
                        "€7.90 is added to your account credit, after reducing what is owed on invoice INV-2026-000007 by €4.00");
        assertThat(d.sellerDetails()).doesNotContain("VAT");
    }
}
