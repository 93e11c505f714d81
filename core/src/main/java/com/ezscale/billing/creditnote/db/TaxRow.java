package com.ezscale.billing.creditnote.db;

import java.math.BigDecimal;

/** A tax row of an invoice or a credit note. */
public record TaxRow(String taxName, BigDecimal rate, BigDecimal taxableBase, BigDecimal taxAmount) {}
