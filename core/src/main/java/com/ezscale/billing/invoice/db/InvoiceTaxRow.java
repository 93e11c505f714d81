package com.ezscale.billing.invoice.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.util.List;

/** One row of an invoice's tax table. */
public record InvoiceTaxRow(
        long invoiceId, String taxName, BigDecimal rate, BigDecimal taxableBase, BigDecimal taxAmount) {

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertTax}. */
    public static final List<String> COLUMNS = List.of("invoice_id", "tax_name", "rate", "taxable_base", "tax_amount");

    /** This row for {@code LOAD DATA} into {@link #COLUMNS}. */
    public void appendTo(TsvRows rows) {
        rows.number(invoiceId)
                .text(taxName)
                .decimal(rate)
                .decimal(taxableBase)
                .decimal(taxAmount)
                .end();
    }
}
