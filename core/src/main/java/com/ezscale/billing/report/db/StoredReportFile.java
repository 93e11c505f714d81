package com.ezscale.billing.report.db;

import java.time.Instant;

/** A monthly pack file as recorded, with its id (for downloads). */
public record StoredReportFile(
        long id,
        String period,
        String report,
        String format,
        String path,
        String sha256,
        long sizeBytes,
        Instant createdAt) {}
