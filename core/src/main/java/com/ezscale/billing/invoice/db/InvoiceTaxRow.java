package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;

/** One row of an invoice's tax table. */
public record InvoiceTaxRow(
        long invoiceId, String taxName, BigDecimal rate, BigDecimal taxableBase, BigDecimal taxAmount) {}
