package com.ezscale.billing.run.db;

import java.time.LocalDateTime;

/** A step of a job execution as it stands (counts refresh at every chunk commit). Times are UTC. */
public record StepProgress(
        long id,
        String stepName,
        String status,
        long readCount,
        long writeCount,
        long filterCount,
        long skipCount,
        long commitCount,
        long rollbackCount,
        LocalDateTime startTime,
        LocalDateTime endTime,
        LocalDateTime lastUpdated,
        String exitMessage) {}
