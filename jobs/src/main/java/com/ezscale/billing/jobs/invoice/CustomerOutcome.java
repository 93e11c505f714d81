package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.GenerationResult;

/** What generation decided for one customer: drafts to write, or parked with a reason. */
public record CustomerOutcome(long customerId, GenerationResult result, String parkedReason) {

    public static CustomerOutcome billed(GenerationResult result) {
        return new CustomerOutcome(result.customerId(), result, null);
    }

    public static CustomerOutcome parked(long customerId, String reason) {
        return new CustomerOutcome(customerId, null, reason);
    }

    public boolean isParked() {
        return parkedReason != null;
    }
}
