package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsageRating;
import com.ezscale.billing.usage.db.LatestRating;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service to rate: its closed periods with their samples, the latest rating of each period
 * already stored, the period still open (so far; null if none) for thresholds, and the threshold
 * events already recorded (so a customer is told of each once without the writer asking again).
 */
public record RatingInput(
        RatableService service,
        List<UsageRating.PeriodSamples> periods,
        Map<LocalDate, LatestRating> latest,
        UsageRating.PeriodSamples open,
        Set<String> thresholdsRecorded) {

    /** The key {@link #thresholdsRecorded} holds for an event already recorded. */
    public static String thresholdKey(LocalDate periodStart, String measure, int levelPercent) {
        return periodStart + " " + measure + " " + levelPercent;
    }
}
