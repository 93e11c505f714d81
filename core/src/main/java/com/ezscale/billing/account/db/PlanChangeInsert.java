package com.ezscale.billing.account.db;

import java.time.Instant;
import java.time.LocalDate;

/** A plan change to record; {@code id} is filled in by the insert. */
public class PlanChangeInsert {
    public Long id;
    public long subscriptionId;
    public String kind;
    public String timing;
    public LocalDate effectiveDate;
    public long fromPlanId;
    public Long toPlanId;
    public String requestedBy;
    public Instant requestedAt;
    public String reason;
}
