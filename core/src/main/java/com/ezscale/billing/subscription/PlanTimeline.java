package com.ezscale.billing.subscription;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Which plan a service is on, day by day: the initial plan, then each active plan change from its
 * effective date (in date order, then in the order they were made).
 */
public final class PlanTimeline {

    private final long initialPlanId;
    private final List<PlanChange> changes;

    public PlanTimeline(long currentPlanId, List<PlanChange> allChanges) {
        List<PlanChange> planChanges = allChanges.stream()
                .filter(PlanChange::changesPlan)
                .sorted(Comparator.comparing(PlanChange::effectiveDate).thenComparingLong(PlanChange::id))
                .toList();
        this.changes = planChanges.stream().filter(PlanChange::active).toList();
        // the plan before the first change; with none (or all reverted), the first change's origin or the service's
        // plan
        this.initialPlanId =
                planChanges.isEmpty() ? currentPlanId : planChanges.get(0).fromPlanId();
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public long planAt(LocalDate day) {
        long plan = initialPlanId;
        for (PlanChange change : changes) {
            if (change.effectiveDate().isAfter(day)) {
                break;
            }
            plan = change.toPlanId();
        }
        return plan;
    }

    /** The change that put the service on its plan on {@code day}, or null (the initial plan). */
    public PlanChange changeAt(LocalDate day) {
        PlanChange current = null;
        for (PlanChange change : changes) {
            if (change.effectiveDate().isAfter(day)) {
                break;
            }
            current = change;
        }
        return current;
    }
}
