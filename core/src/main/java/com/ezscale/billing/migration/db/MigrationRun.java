package com.ezscale.billing.migration.db;

import java.time.Instant;
import java.time.LocalDate;

/** An import as stored: what it read, when, and its summary as printed. */
public record MigrationRun(
        String source,
        LocalDate asOf,
        boolean dryRun,
        String actor,
        Instant startedAt,
        Instant finishedAt,
        String summary,
        int differences,
        int issues) {}
