package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/** Tax of one jurisdiction (the buyer's country and region at issue), tax and rate, in one currency: invoiced and credited back. */
public record TaxReportRow(
        String country,
        String region,
        String taxName,
        BigDecimal rate,
        String currency,
        BigDecimal taxableBase,
        BigDecimal tax,
        BigDecimal creditedBase,
        BigDecimal creditedTax) {}
