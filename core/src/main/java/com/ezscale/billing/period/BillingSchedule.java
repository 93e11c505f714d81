package com.ezscale.billing.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The periods of a service: the first starts on the service's start date; period k starts in the
 * month {@code k × cycle months} after it, on the anchor day or that month's last day, whichever
 * comes first. Each start is computed from the anchor, never from the previous period, so an
 * anchor of 31 gives Jan 31, Feb 28 (29 in a leap year), Mar 31, Apr 30, and back to the 31st
 * wherever the month allows.
 */
public record BillingSchedule(LocalDate serviceStart, int anchorDay, BillingCycle cycle) {

    public BillingSchedule {
        Objects.requireNonNull(serviceStart, "serviceStart");
        Objects.requireNonNull(cycle, "cycle");
        if (anchorDay < 1 || anchorDay > 31) {
            throw new IllegalArgumentException("anchor day must be 1..31, was " + anchorDay);
        }
    }

    /** The schedule of a service anchored on its start day (the default). */
    public static BillingSchedule anchoredOnStart(LocalDate serviceStart, BillingCycle cycle) {
        return new BillingSchedule(serviceStart, serviceStart.getDayOfMonth(), cycle);
    }

    /** Start of period {@code index} (0 = the first). */
    public LocalDate periodStart(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("period index must be >= 0");
        }
        if (index == 0) {
            return serviceStart;
        }
        requireRecurring();
        YearMonth month = YearMonth.from(serviceStart).plusMonths(index * cycle.months());
        return month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
    }

    public BillingPeriod period(long index) {
        if (cycle == BillingCycle.ONE_TIME) {
            if (index != 0) {
                throw new IllegalArgumentException("a one-time charge has a single period");
            }
            return BillingPeriod.at(serviceStart);
        }
        return new BillingPeriod(periodStart(index), periodStart(index + 1));
    }

    /** The index of the first period that starts on or after {@code date}. */
    public long firstIndexStartingOnOrAfter(LocalDate date) {
        if (!date.isAfter(serviceStart)) {
            return 0;
        }
        if (!cycle.isRecurring()) {
            return 1;
        }
        long months = ChronoUnit.MONTHS.between(YearMonth.from(serviceStart), YearMonth.from(date));
        long index = Math.max(0, months / cycle.months() - 1);
        while (periodStart(index).isBefore(date)) {
            index++;
        }
        return index;
    }

    /**
     * The periods that start within {@code [fromInclusive, toInclusive]} and before
     * {@code endExclusive} (the service's end, or null), in order. FREE has none; ONE_TIME has its
     * single charge date.
     */
    public List<BillingPeriod> periodsStartingBetween(
            LocalDate fromInclusive, LocalDate toInclusive, LocalDate endExclusive) {
        List<BillingPeriod> periods = new ArrayList<>();
        if (cycle == BillingCycle.FREE) {
            return periods;
        }
        long lastIndex = cycle == BillingCycle.ONE_TIME ? 0 : Long.MAX_VALUE;
        for (long i = firstIndexStartingOnOrAfter(fromInclusive); i <= lastIndex; i++) {
            LocalDate start = periodStart(i);
            if (start.isAfter(toInclusive) || (endExclusive != null && !start.isBefore(endExclusive))) {
                break;
            }
            periods.add(period(i));
        }
        return periods;
    }

    private void requireRecurring() {
        if (!cycle.isRecurring()) {
            throw new IllegalArgumentException(cycle + " has no recurring periods");
        }
    }
}
