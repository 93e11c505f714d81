package com.ezscale.billing.migration.db;

import java.time.LocalDate;

/** The highest revision of a service's charge for a period already billed (an import adds the next). */
public record LineRevision(long subscriptionId, String chargeKind, LocalDate periodStart, int revision) {}
