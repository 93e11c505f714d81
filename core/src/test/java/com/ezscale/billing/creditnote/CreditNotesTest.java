package com.ezscale.billing.creditnote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EUR invoice INV-1, tax-exclusive, VAT 21%: line 1 recurring 100.00, line 2 its discount -10.00,
 * line 3 setup 20.00; tax 23.10, total 133.10. (GBP: the same lines tax-inclusive at 20%.)
 * Requests: "lines:1,3", "full", "amount:50.00". "before" is a request issued first.
 */
class CreditNotesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fullCreditReversesAllTax                | EUR | -            | full         | 110.00 23.10 133.10
            oneLineTaxInProportion                  | EUR | -            | lines:3      | 20.00 4.20 24.20
            aLineBringsItsDiscount                  | EUR | -            | lines:1      | 90.00 18.90 108.90
            theLastNoteReversesExactlyTheTaxLeft    | EUR | lines:3      | full         | 90.00 18.90 108.90
            anAmountIncludesTax                     | EUR | -            | amount:50.00 | 41.32 8.68 50.00
            amountAfterALineCredit                  | EUR | lines:1      | amount:24.20 | 20.00 4.20 24.20
            inclusiveLinesAreGross                  | GBP | -            | lines:3      | 16.67 3.33 20.00
            inclusiveFull                           | GBP | -            | full         | 91.67 18.33 110.00
            """)
    void credit(String name, String currency, String before, String request, String expected) {
        CreditableInvoice invoice = invoice(currency);
        if (!before.equals("-")) {
            invoice = after(invoice, apply(invoice, before));
        }
        CreditNoteDraft note = apply(invoice, request);
        assertThat(note.subtotal().amount().toPlainString() + " "
                        + note.taxTotal().amount().toPlainString() + " "
                        + note.total().amount().toPlainString())
                .isEqualTo(expected);
        assertThat(note.total()).isEqualTo(note.subtotal().plus(note.taxTotal()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknownLine              | -       | lines:9        | invoice INV-1 has no line 9
            moreThanLeft             | -       | amount:133.11  | invoice INV-1 has 133.10 EUR left to credit, less than 133.11 EUR
            moreThanLeftAfterANote   | lines:1 | amount:24.21   | invoice INV-1 has 24.20 EUR left to credit, less than 24.21 EUR
            creditedTwice            | lines:3 | lines:3        | nothing left to credit on invoice INV-1 for the lines chosen
            zeroAmount               | -       | amount:0.00    | a credit note amount must be above zero
            """)
    void refused(String name, String before, String request, String message) {
        CreditableInvoice invoice = invoice("EUR");
        if (!before.equals("-")) {
            invoice = after(invoice, apply(invoice, before));
        }
        CreditableInvoice target = invoice;
        assertThatThrownBy(() -> apply(target, request))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage(message);
    }

    private static CreditNoteDraft apply(CreditableInvoice invoice, String request) {
        if (request.equals("full")) {
            return CreditNotes.full(invoice, CreditNoteKind.FULL);
        }
        if (request.startsWith("lines:")) {
            Set<Integer> nos = Stream.of(request.substring(6).split(","))
                    .map(Integer::valueOf)
                    .collect(Collectors.toSet());
            return CreditNotes.lines(invoice, nos, CreditNoteKind.LINES);
        }
        return CreditNotes.amount(
                invoice, Money.of(request.substring(7), invoice.currency().getCurrencyCode()), "goodwill");
    }

    private static CreditableInvoice invoice(String currency) {
        boolean inclusive = currency.equals("GBP");
        String tax = inclusive ? "VAT" : "BTW";
        BigDecimal rate = new BigDecimal(inclusive ? "20" : "21");
        List<CreditableInvoice.Line> lines = List.of(
                new CreditableInvoice.Line(11, 1, "VPS", Money.of("100.00", currency), tax, rate, null, null),
                new CreditableInvoice.Line(12, 2, "Coupon", Money.of("-10.00", currency), tax, rate, 1, null),
                new CreditableInvoice.Line(13, 3, "Setup", Money.of("20.00", currency), tax, rate, null, null));
        Money taxAmount = Money.of(inclusive ? "18.33" : "23.10", currency);
        Money net = Money.of(inclusive ? "91.67" : "110.00", currency);
        Money total = Money.of(inclusive ? "110.00" : "133.10", currency);
        return new CreditableInvoice(
                "INV-1",
                Money.currency(currency),
                inclusive,
                total,
                lines,
                List.of(new TaxAmount(tax, rate, net, taxAmount)),
                List.of(),
                List.of(),
                Money.zero(Money.currency(currency)));
    }

    private static CreditableInvoice after(CreditableInvoice invoice, CreditNoteDraft note) {
        List<CreditableInvoice.Credited> credited = new ArrayList<>(invoice.creditedLines());
        note.lines().stream()
                .filter(l -> l.invoiceLineId() != null)
                .forEach(l -> credited.add(new CreditableInvoice.Credited(l.invoiceLineId(), l.amount())));
        List<TaxAmount> taxes = new ArrayList<>(invoice.creditedTaxes());
        taxes.addAll(note.taxes());
        return new CreditableInvoice(
                invoice.number(),
                invoice.currency(),
                invoice.pricesIncludeTax(),
                invoice.total(),
                invoice.lines(),
                invoice.taxes(),
                credited,
                taxes,
                invoice.creditedTotal().plus(note.total()));
    }
}
