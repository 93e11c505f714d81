package com.ezscale.billing.run.db;

import java.time.Instant;
import java.time.LocalDate;

/** A customer a run could not bill, with the reason. */
public record ParkedCustomer(
        long jobExecutionId, String stepName, long customerId, LocalDate asOf, String reason, Instant createdAt) {}
