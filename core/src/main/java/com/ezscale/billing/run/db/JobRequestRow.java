package com.ezscale.billing.run.db;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A job run, restart or stop asked for in the portal, and what became of it; {@code parameters}:
 * more string parameters of a run, {@code name=value} lines (see {@link com.ezscale.billing.run.JobRequests#parameters}).
 */
public record JobRequestRow(
        long id,
        String action,
        String jobName,
        LocalDate asOf,
        Long executionId,
        Long customerId,
        String requestedBy,
        String origin,
        Instant requestedAt,
        String status,
        String node,
        Long resultExecution,
        String message,
        String parameters) {}
