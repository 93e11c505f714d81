package com.ezscale.billing.report.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money received and refunded on one day by one method (card, bank transfer, ...), in one currency;
 * payments disputed among them; what the gateways kept of what was received (their fees).
 */
public record PaymentReportRow(
        LocalDate day,
        String method,
        String currency,
        int payments,
        BigDecimal received,
        int refunds,
        BigDecimal refunded,
        int disputed,
        BigDecimal fees) {}
