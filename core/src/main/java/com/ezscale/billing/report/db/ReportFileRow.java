package com.ezscale.billing.report.db;

import java.time.Instant;

/** A report of the monthly pack as written: where, its SHA-256 (hex) and size, the job execution that made it. */
public record ReportFileRow(
        String period,
        String report,
        String format,
        String path,
        String sha256,
        long sizeBytes,
        Long jobExecutionId,
        Instant createdAt) {}
