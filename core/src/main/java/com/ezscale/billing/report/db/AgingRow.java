package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/** What a customer owed in one currency on a date, by how long past due: not yet due (current), 1–30, 31–60, 61–90, over 90 days. */
public record AgingRow(
        long customerId,
        String customerName,
        String currency,
        BigDecimal current,
        BigDecimal days1to30,
        BigDecimal days31to60,
        BigDecimal days61to90,
        BigDecimal over90,
        int invoices) {

    public BigDecimal total() {
        return current.add(days1to30).add(days31to60).add(days61to90).add(over90);
    }
}
