package com.ezscale.billing.creditnote;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.util.List;

/** A credit note before its number: lines (positive amounts credited), tax per rate reversed, totals. */
public record CreditNoteDraft(
        CreditNoteKind kind, List<NoteLine> lines, List<TaxAmount> taxes, Money subtotal, Money taxTotal, Money total) {

    /** A credited line: the invoice line it reverses (null for an amount), net or gross as the invoice's lines are. */
    public record NoteLine(Long invoiceLineId, String description, Money amount, String taxName, BigDecimal taxRate) {}

    public CreditNoteDraft {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }
}
