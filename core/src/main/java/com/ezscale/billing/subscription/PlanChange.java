package com.ezscale.billing.subscription;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated change of a service's plan (or its cancellation). {@code active} is false once reverted
 * (an upgrade invoice left unpaid past {@code expiresOn}).
 */
public record PlanChange(
        long id,
        long subscriptionId,
        PlanChangeKind kind,
        PlanChangeTiming timing,
        LocalDate effectiveDate,
        long fromPlanId,
        Long toPlanId,
        boolean active,
        LocalDate expiresOn,
        Long invoiceId) {

    public PlanChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        if ((kind == PlanChangeKind.CANCEL) != (toPlanId == null)) {
            throw new IllegalArgumentException(
                    "plan change " + id + ": a cancellation has no target plan, a plan change has one");
        }
    }

    public boolean changesPlan() {
        return kind != PlanChangeKind.CANCEL;
    }
}
