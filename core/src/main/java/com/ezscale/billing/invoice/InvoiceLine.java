package com.ezscale.billing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A stored invoice line. */
public record InvoiceLine(
        long id,
        long invoiceId,
        int lineNo,
        Long subscriptionId,
        ChargeKind chargeKind,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal amount) {}
