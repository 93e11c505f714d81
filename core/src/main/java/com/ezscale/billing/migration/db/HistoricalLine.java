package com.ezscale.billing.migration.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A line of an imported invoice: a service's period where the source says so, else a charge of its own. */
public record HistoricalLine(
        long invoiceId,
        int lineNo,
        Long subscriptionId,
        Long planId,
        String chargeKind,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        String description,
        BigDecimal amount,
        LocalDate coversFrom,
        LocalDate coversUntil) {

    /** A line covering its whole period (or no period). */
    public HistoricalLine(
            long invoiceId,
            int lineNo,
            Long subscriptionId,
            Long planId,
            String chargeKind,
            LocalDate periodStart,
            LocalDate periodEndExclusive,
            int revision,
            String description,
            BigDecimal amount) {
        this(
                invoiceId,
                lineNo,
                subscriptionId,
                planId,
                chargeKind,
                periodStart,
                periodEndExclusive,
                revision,
                description,
                amount,
                null,
                null);
    }
}
