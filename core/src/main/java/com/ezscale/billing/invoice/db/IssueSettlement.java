package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;
import java.util.Currency;

/** What the issue step needs to settle a just-issued invoice with account credit. */
public record IssueSettlement(
        long id,
        long customerId,
        Currency currency,
        BigDecimal total,
        boolean creditOptOut,
        BigDecimal carried,
        boolean fromPlanChange) {}
