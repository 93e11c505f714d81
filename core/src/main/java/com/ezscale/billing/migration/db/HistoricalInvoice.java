package com.ezscale.billing.migration.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An invoice another system issued, as it comes here: in the series of its source, numbered as it
 * was there, with its buyer and seller snapshotted as the run snapshots them at issue ({@link
 * BillTo}); written as a draft, its lines and taxes added, then settled.
 */
public record HistoricalInvoice(
        long sellerEntityId,
        String sellerSnapshot,
        BillTo billTo,
        String currency,
        String seriesKey,
        long sequenceValue,
        String number,
        LocalDate dueDate,
        LocalDate issueDate,
        Instant issuedAt,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        Instant createdAt) {}
