package com.ezscale.billing.run.db;

import java.time.Instant;
import java.time.LocalDate;

/** A customer a run parked, as the portal lists them across runs: the run, the customer, the reason. */
public record ParkedEntry(
        long id,
        long jobExecutionId,
        String jobName,
        String stepName,
        long customerId,
        String customerName,
        LocalDate asOf,
        String reason,
        Instant createdAt) {}
