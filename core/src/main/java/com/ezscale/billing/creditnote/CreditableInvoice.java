package com.ezscale.billing.creditnote;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * An issued invoice as a credit note sees it: its lines, its tax rows, what earlier credit notes
 * already credited (per line, per tax rate, and in total).
 */
public record CreditableInvoice(
        String number,
        Currency currency,
        boolean pricesIncludeTax,
        Money total,
        List<Line> lines,
        List<TaxAmount> taxes,
        List<Credited> creditedLines,
        List<TaxAmount> creditedTaxes,
        Money creditedTotal) {

    /** An invoice line; {@code discountedLineNo} is set on a discount line. */
    public record Line(
            long id,
            int lineNo,
            String description,
            Money amount,
            String taxName,
            BigDecimal taxRate,
            Integer discountedLineNo,
            Long planChangeId) {}

    /** What earlier credit notes credited of a line. */
    public record Credited(long invoiceLineId, Money amount) {}

    public CreditableInvoice {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        creditedLines = List.copyOf(creditedLines);
        creditedTaxes = List.copyOf(creditedTaxes);
    }

    public Money creditable() {
        return total.minus(creditedTotal);
    }
}
