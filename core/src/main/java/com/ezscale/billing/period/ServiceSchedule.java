package com.ezscale.billing.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A service's periods with its trial and prorata alignment: an optional trial {@code [start,
 * trialEnd)} at zero; then, if the product aligns to a fixed day of month, a partial period up to
 * the first such day (charged price × its days / the days of the full cycle ending there); then
 * the normal cycle anchored on that day (or on the service's anchor day).
 */
public record ServiceSchedule(
        LocalDate start, LocalDate trialEnd, Integer prorataDay, int anchorDay, BillingCycle cycle) {

    public enum Phase {
        TRIAL,
        PARTIAL,
        FULL
    }

    /** A period and its phase; {@code fullDays} is the length of the full cycle a PARTIAL period is a part of. */
    public record SchedulePeriod(BillingPeriod period, Phase phase, long fullDays) {}

    public ServiceSchedule {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cycle, "cycle");
        if (trialEnd != null && !trialEnd.isAfter(start)) {
            trialEnd = null;
        }
        if (!cycle.isRecurring()) {
            trialEnd = null;
            prorataDay = null;
        }
    }

    public LocalDate paidStart() {
        return trialEnd != null ? trialEnd : start;
    }

    /** Where the normal cycle starts: the first prorata day on or after the paid start, or the paid start. */
    public LocalDate alignedStart() {
        LocalDate paid = paidStart();
        if (prorataDay == null || paid.getDayOfMonth() == prorataDay) {
            return paid;
        }
        YearMonth month = YearMonth.from(paid);
        if (paid.getDayOfMonth() > prorataDay) {
            month = month.plusMonths(1);
        }
        return month.atDay(prorataDay);
    }

    public BillingSchedule regular() {
        int anchor = prorataDay != null ? prorataDay : trialEnd != null ? trialEnd.getDayOfMonth() : anchorDay;
        return new BillingSchedule(alignedStart(), anchor, cycle);
    }

    /** The periods starting within {@code [fromInclusive, toInclusive]} and before {@code endExclusive} (or null). */
    public List<SchedulePeriod> periodsStartingBetween(
            LocalDate fromInclusive, LocalDate toInclusive, LocalDate endExclusive) {
        List<SchedulePeriod> periods = new ArrayList<>();
        if (trialEnd != null) {
            add(
                    periods,
                    new SchedulePeriod(new BillingPeriod(start, trialEnd), Phase.TRIAL, 0),
                    fromInclusive,
                    toInclusive,
                    endExclusive);
        }
        LocalDate aligned = alignedStart();
        if (!aligned.equals(paidStart())) {
            long full = new BillingPeriod(
                            YearMonth.from(aligned)
                                    .minusMonths(cycle.months())
                                    .atDay(Math.min(
                                            prorataDay,
                                            YearMonth.from(aligned)
                                                    .minusMonths(cycle.months())
                                                    .lengthOfMonth())),
                            aligned)
                    .days();
            add(
                    periods,
                    new SchedulePeriod(new BillingPeriod(paidStart(), aligned), Phase.PARTIAL, full),
                    fromInclusive,
                    toInclusive,
                    endExclusive);
        }
        LocalDate regularFrom = fromInclusive.isAfter(aligned) ? fromInclusive : aligned;
        for (BillingPeriod period : regular().periodsStartingBetween(regularFrom, toInclusive, endExclusive)) {
            periods.add(new SchedulePeriod(period, Phase.FULL, period.days()));
        }
        return periods;
    }

    private static void add(
            List<SchedulePeriod> periods, SchedulePeriod p, LocalDate from, LocalDate to, LocalDate end) {
        LocalDate s = p.period().start();
        if (!s.isBefore(from) && !s.isAfter(to) && (end == null || s.isBefore(end))) {
            periods.add(p);
        }
    }
}
