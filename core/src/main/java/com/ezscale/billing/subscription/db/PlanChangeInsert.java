package com.ezscale.billing.subscription.db;

import java.time.Instant;
import java.time.LocalDate;

/** A plan change to record; its id comes back in a {@link com.ezscale.billing.persistence.GeneratedKey}. */
public record PlanChangeInsert(
        long subscriptionId,
        String kind,
        String timing,
        LocalDate effectiveDate,
        long fromPlanId,
        Long toPlanId,
        String requestedBy,
        Instant requestedAt,
        String reason) {}
