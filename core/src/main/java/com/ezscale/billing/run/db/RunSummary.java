package com.ezscale.billing.run.db;

import java.time.LocalDateTime;

/** One job execution as `runs` lists it. Times are UTC. */
public record RunSummary(
        long executionId,
        String jobName,
        String status,
        String exitCode,
        String asOf,
        LocalDateTime startTime,
        LocalDateTime endTime,
        long readCount,
        long writeCount,
        long filterCount,
        long parked,
        String exitMessage) {}
