package com.ezscale.billing.time;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The dates a person may give a command: a business date ({@code --as-of}) no further ahead of today
 * than {@code futureHorizonDays} (a typo such as 2062 for 2026 would issue immutable invoices and
 * move billing cursors decades ahead) unless forced, and a date something happened ({@code --date}
 * of a payment) not after today; neither before the book's first day (its earliest customer,
 * service or invoice), nor before {@link #FLOOR} when the book is empty.
 */
public record DateLimits(LocalDate bookStart, int futureHorizonDays) {

    /** No business date of this system is older. */
    public static final LocalDate FLOOR = LocalDate.of(2000, 1, 1);

    public DateLimits {
        bookStart = bookStart == null || bookStart.isBefore(FLOOR) ? FLOOR : bookStart;
        if (futureHorizonDays < 0) {
            throw new IllegalArgumentException(
                    "ezscale.billing.future-horizon-days must not be negative, was " + futureHorizonDays);
        }
    }

    /** A business date to run or act as of. */
    public void checkAsOf(String option, LocalDate date, LocalDate today, boolean forceFuture) {
        checkNotBeforeBook(option, date);
        long ahead = ChronoUnit.DAYS.between(today, date);
        if (ahead > futureHorizonDays && !forceFuture) {
            throw new IllegalArgumentException(
                    option + " " + date + " is " + ahead + " days after today (" + today + "), beyond the "
                            + futureHorizonDays
                            + " days allowed (ezscale.billing.future-horizon-days): a typo? Pass --force-future-date if it is meant");
        }
    }

    /** The date something already happened (a payment received). */
    public void checkHappened(String option, LocalDate date, LocalDate today) {
        checkNotBeforeBook(option, date);
        if (date.isAfter(today)) {
            throw new IllegalArgumentException(option + " " + date + " is in the future (today is " + today + ")");
        }
    }

    private void checkNotBeforeBook(String option, LocalDate date) {
        if (date.isBefore(bookStart)) {
            throw new IllegalArgumentException(
                    option + " " + date + " is before the book's first day (" + bookStart + ")");
        }
    }
}
