package com.ezscale.billing.account.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A credit note as its customer sees it in the list. */
public record AccountCreditNote(
        long id,
        String number,
        String invoiceNumber,
        LocalDate issueDate,
        String currency,
        BigDecimal total,
        String kind,
        String reason) {}
