package com.ezscale.billing.migration.db;

/** What a source row became here, and the fingerprint of the source row when it was imported. */
public record MigrationKey(long sourceId, long targetId, String fingerprint) {}
