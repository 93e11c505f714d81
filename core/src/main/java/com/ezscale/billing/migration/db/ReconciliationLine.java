package com.ezscale.billing.migration.db;

import java.math.BigDecimal;

/** One measure of one source client in one currency: its value in the source and here. */
public record ReconciliationLine(
        long sourceClientId,
        Long customerId,
        String currency,
        String measure,
        BigDecimal sourceValue,
        BigDecimal ourValue) {

    public boolean differs() {
        return sourceValue.compareTo(ourValue) != 0;
    }
}
