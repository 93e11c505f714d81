package com.ezscale.billing.period;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open period {@code [start, endExclusive)}. A one-time charge is the zero-length period at
 * its date ({@code start == endExclusive}).
 */
public record BillingPeriod(LocalDate start, LocalDate endExclusive) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (endExclusive.isBefore(start)) {
            throw new IllegalArgumentException("period ends before it starts: [" + start + ", " + endExclusive + ")");
        }
    }

    public static BillingPeriod at(LocalDate date) {
        return new BillingPeriod(date, date);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, endExclusive);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(endExclusive);
    }

    /** The last day inside the period, as printed on an invoice. */
    public LocalDate endInclusive() {
        return days() == 0 ? start : endExclusive.minusDays(1);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + endExclusive + ")";
    }
}
