package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/**
 * Revenue of one month, product, plan and currency (before tax): the lines of the invoices issued
 * that month, and the credit note lines issued that month (by the product and plan of the line
 * they credit; a credit of an amount rather than a line is "(amount)").
 */
public record RevenueRow(
        String month, String product, String plan, String currency, BigDecimal invoiced, BigDecimal credited) {

    public BigDecimal net() {
        return invoiced.subtract(credited);
    }
}
