package com.ezscale.billing.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a service's usage periods need (re-)rating, and the thresholds crossed: a closed period
 * whose samples' fingerprint equals its latest rating's is left as it is; otherwise it is rated
 * ({@link UsageRater}) as the next revision (0 for a first rating), which the invoice run bills as
 * the difference from what earlier revisions billed. Thresholds (80 % and 100 % of commit or quota)
 * are watched on the closed periods and on the one still open.
 */
public final class UsageRating {

    /** A period's samples and their fingerprint (computed by the database; null for the open period). */
    public record PeriodSamples(UsagePeriods.Window window, UsageSeries series, String fingerprint) {}

    /** What is stored of a period's latest rating. */
    public record Latest(int revision, String fingerprint) {}

    /** A rating to store, as the period's revision {@code revision}. */
    public record NewRating(int revision, UsageRater.Rating rating, String fingerprint) {}

    /** A threshold crossed in the period starting {@code periodStart}. */
    public record Threshold(LocalDate periodStart, UsageThresholds.Event event) {}

    public record Decision(List<NewRating> ratings, List<Threshold> thresholds) {

        public Decision {
            ratings = List.copyOf(ratings);
            thresholds = List.copyOf(thresholds);
        }

        public boolean isEmpty() {
            return ratings.isEmpty() && thresholds.isEmpty();
        }
    }

    private UsageRating() {}

    /** {@code latest}: the latest stored rating of each closed period, by its start. */
    public static Decision decide(
            List<PeriodSamples> closed, PeriodSamples open, Map<LocalDate, Latest> latest, UsageTerms terms) {
        List<Threshold> thresholds = new ArrayList<>();
        List<PeriodSamples> watched = new ArrayList<>(closed);
        if (open != null) {
            watched.add(open);
        }
        // each period's percentile once, for its thresholds and its rating (three selections over the month)
        Map<PeriodSamples, Percentile95.Result> percentiles = new IdentityHashMap<>();
        Function<PeriodSamples, Percentile95.Result> percentile =
                p -> percentiles.computeIfAbsent(p, q -> Percentile95.of(q.series(), terms.mode()));
        for (PeriodSamples period : watched) {
            for (UsageThresholds.Event e :
                    UsageThresholds.crossed(period.window(), period.series(), terms, () -> percentile.apply(period))) {
                thresholds.add(new Threshold(period.window().period().start(), e));
            }
        }
        List<NewRating> ratings = new ArrayList<>();
        for (PeriodSamples period : closed) {
            Latest last = latest.get(period.window().period().start());
            if (last != null && last.fingerprint().equals(period.fingerprint())) {
                continue;
            }
            ratings.add(new NewRating(
                    last == null ? 0 : last.revision() + 1,
                    UsageRater.rate(period.window(), period.series(), terms, percentile.apply(period)),
                    period.fingerprint()));
        }
        return new Decision(ratings, thresholds);
    }
}
