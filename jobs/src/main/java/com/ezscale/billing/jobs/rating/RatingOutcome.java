package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import java.util.List;

/**
 * New ratings and crossed thresholds of one service (with its quota's unit, for the notices), or its
 * customer parked with a reason.
 */
public record RatingOutcome(
        long customerId,
        List<RatedUsageRow> ratings,
        List<ThresholdEventRow> thresholds,
        TransferQuota.Unit quotaUnit,
        String parkedReason) {

    public static RatingOutcome rated(
            long customerId,
            List<RatedUsageRow> ratings,
            List<ThresholdEventRow> thresholds,
            TransferQuota.Unit quotaUnit) {
        return new RatingOutcome(customerId, List.copyOf(ratings), List.copyOf(thresholds), quotaUnit, null);
    }

    public static RatingOutcome parked(long customerId, String reason) {
        return new RatingOutcome(customerId, List.of(), List.of(), null, reason);
    }
}
