package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;

/**
 * Invoices counted and summed by status and currency: their totals, and what customers still owe
 * on them (total − paid − what credit notes took off; zero for drafts, paid and void invoices).
 */
public record InvoiceTotals(String status, String currency, long invoices, BigDecimal total, BigDecimal owed) {}
