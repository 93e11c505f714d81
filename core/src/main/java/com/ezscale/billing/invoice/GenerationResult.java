package com.ezscale.billing.invoice;

import java.util.List;

/** The generator's answer for one customer: drafts to write and cursors to move (both may be empty). */
public record GenerationResult(long customerId, List<DraftInvoice> drafts, List<SubscriptionAdvance> advances) {

    public GenerationResult {
        drafts = List.copyOf(drafts);
        advances = List.copyOf(advances);
    }

    public boolean isEmpty() {
        return drafts.isEmpty() && advances.isEmpty();
    }
}
