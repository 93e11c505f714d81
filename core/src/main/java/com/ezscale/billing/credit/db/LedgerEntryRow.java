package com.ezscale.billing.credit.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** A credit ledger entry: positive adds credit, negative uses it. */
public record LedgerEntryRow(
        long customerId,
        Currency currency,
        BigDecimal amount,
        String reason,
        String sourceType,
        long sourceId,
        String note,
        String actor,
        Instant createdAt) {}
