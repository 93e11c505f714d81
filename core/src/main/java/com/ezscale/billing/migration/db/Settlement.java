package com.ezscale.billing.migration.db;

import java.math.BigDecimal;
import java.time.Instant;

/** What an imported draft becomes: its status in the source, the credit applied and what was paid on it. */
public record Settlement(
        long invoiceId, String status, BigDecimal creditApplied, BigDecimal amountPaid, Instant paidAt) {}
