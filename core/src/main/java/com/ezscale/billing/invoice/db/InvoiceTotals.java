package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;

/** Invoices counted and summed by status and currency. */
public record InvoiceTotals(String status, String currency, long invoices, BigDecimal total) {
}
