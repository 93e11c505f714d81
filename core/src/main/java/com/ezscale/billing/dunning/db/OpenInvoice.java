package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued, unpaid invoice of a customer (what unsuspension weighs). */
public record OpenInvoice(
        long id, long customerId, String currency, LocalDate dueDate, BigDecimal total, BigDecimal owed) {}
