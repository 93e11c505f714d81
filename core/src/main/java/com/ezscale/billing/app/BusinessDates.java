package com.ezscale.billing.app;

import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.time.DateLimits;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The dates commands are given, checked against today (the injected clock) and the book's first
 * day (less the invoicing lead time) by {@link DateLimits}: a business date not beyond {@code ezscale.billing.future-horizon-days}
 * unless forced, a date something happened not in the future. A missing date is today.
 */
@Component
public class BusinessDates {

    private final RunMapper runs;
    private final Clock clock;
    private final int futureHorizonDays;
    private final int leadDays;

    public BusinessDates(RunMapper runs, Clock clock, BillingProperties properties) {
        this.runs = runs;
        this.clock = clock;
        this.futureHorizonDays = properties.futureHorizonDays();
        this.leadDays = properties.maxDaysBefore();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The book starts with its first customer, service or invoice, less the days a first period is invoiced ahead. */
    private DateLimits limits() {
        LocalDate first = runs.selectBookStart();
        return new DateLimits(first == null ? null : first.minusDays(leadDays), futureHorizonDays);
    }

    /** {@code requested} (today if null) as a business date; refused beyond the horizon unless {@code forceFuture}. */
    public LocalDate asOf(String option, LocalDate requested, boolean forceFuture) {
        LocalDate date = requested != null ? requested : today();
        limits().checkAsOf(option, date, today(), forceFuture);
        return date;
    }

    /** {@code requested} (today if null) as the day something happened: never in the future. */
    public LocalDate happened(String option, LocalDate requested) {
        LocalDate date = requested != null ? requested : today();
        limits().checkHappened(option, date, today());
        return date;
    }
}
