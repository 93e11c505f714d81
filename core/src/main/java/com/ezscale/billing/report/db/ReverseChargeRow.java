package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/** Net amounts billed under the EU reverse charge to one customer VAT number, in one currency (the recapitulative statement's line). */
public record ReverseChargeRow(
        String vatNumber,
        String country,
        String customerName,
        String currency,
        BigDecimal invoiced,
        BigDecimal credited) {}
