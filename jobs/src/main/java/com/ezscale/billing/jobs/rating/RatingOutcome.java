package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.usage.db.RatedUsageRow;
import java.util.List;

/** New ratings of one service, or its customer parked with a reason. */
public record RatingOutcome(long customerId, List<RatedUsageRow> ratings, String parkedReason) {

    public static RatingOutcome rated(long customerId, List<RatedUsageRow> ratings) {
        return new RatingOutcome(customerId, List.copyOf(ratings), null);
    }

    public static RatingOutcome parked(long customerId, String reason) {
        return new RatingOutcome(customerId, List.of(), reason);
    }
}
