package com.ezscale.billing.report.db;

import java.time.Instant;

/** A report a {@code financeReport} execution wrote, kept with its file (one per execution). */
public record ReportOutput(
        long id,
        long jobExecutionId,
        String report,
        String format,
        String parameters,
        String fileName,
        byte[] content,
        long sizeBytes,
        String sha256,
        long rowsWritten,
        String requestedBy,
        Instant createdAt) {}
