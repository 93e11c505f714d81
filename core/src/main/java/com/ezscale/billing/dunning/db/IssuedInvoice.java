package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An invoice issued whose "invoice issued" email is not written yet: to whom, what and when due. */
public record IssuedInvoice(
        long id,
        String number,
        long customerId,
        String currency,
        BigDecimal total,
        BigDecimal owed,
        LocalDate dueDate,
        String name,
        String email) {}
