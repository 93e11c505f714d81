package com.ezscale.billing.audit.db;

import java.time.Instant;

/** One audited action: who, what, on what, when and from where. */
public record AuditEntry(
        long id, Instant at, String actor, String action, String target, String detail, String origin) {}
