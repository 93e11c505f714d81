package com.ezscale.billing.app.ops;

import com.ezscale.billing.run.db.RunSummary;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Whether the nightly run is where it should be at {@code now} (local to the schedule's time zone):
 * from {@code completeBy} on, today's nightly (asOf = today) must have completed; before it,
 * yesterday's. A pure function of the recent nightly executions (newest first) and the time.
 */
public record NightlyCheck(boolean healthy, LocalDate expected, Optional<RunSummary> latest, String detail) {

    public static NightlyCheck evaluate(LocalDateTime now, LocalTime completeBy, List<RunSummary> recentNightly) {
        LocalDate expected =
                now.toLocalTime().isBefore(completeBy) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
        Optional<RunSummary> latest = recentNightly.stream().findFirst();
        boolean done = recentNightly.stream()
                .anyMatch(r -> "COMPLETED".equals(r.status())
                        && asOf(r).map(d -> !d.isBefore(expected)).orElse(false));
        String detail;
        if (done) {
            detail = "the nightly of " + expected + " completed";
        } else if (latest.isEmpty()) {
            detail = "no nightly has run; the nightly of " + expected + " was due by " + completeBy;
        } else {
            RunSummary r = latest.get();
            detail = "the nightly of " + expected + " has not completed by " + completeBy + " (latest: asOf " + r.asOf()
                    + ", " + r.status() + ")";
        }
        return new NightlyCheck(done, expected, latest, detail);
    }

    private static Optional<LocalDate> asOf(RunSummary r) {
        try {
            return r.asOf() == null ? Optional.empty() : Optional.of(LocalDate.parse(r.asOf()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
