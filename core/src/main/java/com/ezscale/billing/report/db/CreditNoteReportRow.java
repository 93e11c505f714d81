package com.ezscale.billing.report.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One credit note as finance lists them: what it credits, why, how it was settled, its amounts. */
public record CreditNoteReportRow(
        String number,
        LocalDate issueDate,
        String invoiceNumber,
        long customerId,
        String customerName,
        String currency,
        String kind,
        String settlement,
        String reason,
        BigDecimal subtotal,
        BigDecimal tax,
        BigDecimal total) {}
