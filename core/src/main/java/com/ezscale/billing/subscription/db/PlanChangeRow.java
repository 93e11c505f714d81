package com.ezscale.billing.subscription.db;

import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeTiming;
import java.time.LocalDate;

public record PlanChangeRow(
        long id,
        long customerId,
        long subscriptionId,
        PlanChangeKind kind,
        PlanChangeTiming timing,
        LocalDate effectiveDate,
        long fromPlanId,
        Long toPlanId,
        String status,
        LocalDate expiresOn,
        Long invoiceId) {

    public PlanChange toPlanChange() {
        return new PlanChange(
                id,
                subscriptionId,
                kind,
                timing,
                effectiveDate,
                fromPlanId,
                toPlanId,
                "ACTIVE".equals(status),
                expiresOn,
                invoiceId);
    }
}
