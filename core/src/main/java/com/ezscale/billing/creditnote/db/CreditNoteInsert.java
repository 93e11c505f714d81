package com.ezscale.billing.creditnote.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A credit note to write; its id comes back in a {@link com.ezscale.billing.persistence.GeneratedKey}. */
public record CreditNoteInsert(
        long sellerEntityId,
        long customerId,
        long invoiceId,
        String currency,
        String seriesKey,
        long sequenceValue,
        String number,
        String kind,
        String reason,
        String settlement,
        BigDecimal balanceReduction,
        LocalDate issueDate,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        String issuedBy,
        Instant issuedAt) {}
