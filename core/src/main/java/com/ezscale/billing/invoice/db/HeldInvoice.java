package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;
import java.time.LocalDate;

public record HeldInvoice(
        long id,
        long customerId,
        String customerName,
        String currency,
        BigDecimal total,
        LocalDate dueDate,
        String holdReason) {}
