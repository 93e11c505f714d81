package com.ezscale.billing.invoice;

import java.util.List;

/**
 * The generator's answer for one customer: drafts to write, cursors to move and plan changes now
 * reconciled (all may be empty).
 */
public record GenerationResult(
        long customerId, List<DraftInvoice> drafts, List<SubscriptionAdvance> advances, List<Long> settledPlanChanges) {

    public GenerationResult {
        drafts = List.copyOf(drafts);
        advances = List.copyOf(advances);
        settledPlanChanges = List.copyOf(settledPlanChanges);
    }

    public GenerationResult(long customerId, List<DraftInvoice> drafts, List<SubscriptionAdvance> advances) {
        this(customerId, drafts, advances, List.of());
    }

    public boolean isEmpty() {
        return drafts.isEmpty() && advances.isEmpty() && settledPlanChanges.isEmpty();
    }
}
