package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued invoice as finance lists it: who, when, how much, and what is still owed today. */
public record InvoiceListRow(
        long id,
        String number,
        long customerId,
        String customerName,
        String currency,
        String status,
        LocalDate issueDate,
        LocalDate dueDate,
        BigDecimal total,
        BigDecimal amountPaid,
        BigDecimal owed) {}
