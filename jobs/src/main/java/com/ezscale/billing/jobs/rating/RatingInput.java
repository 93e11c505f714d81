package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsageRating;
import com.ezscale.billing.usage.db.LatestRating;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A service to rate: its closed periods with their samples, the latest rating of each period
 * already stored, and the period still open (so far; null if none) for thresholds.
 */
public record RatingInput(
        RatableService service,
        List<UsageRating.PeriodSamples> periods,
        Map<LocalDate, LatestRating> latest,
        UsageRating.PeriodSamples open) {}
