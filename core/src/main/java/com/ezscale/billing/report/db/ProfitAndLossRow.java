package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/**
 * One month's summary in one currency, before tax: invoiced (late fees apart), late fees, credit
 * notes issued, refunds paid out, and cash received.
 */
public record ProfitAndLossRow(
        String month,
        String currency,
        BigDecimal invoiced,
        BigDecimal lateFees,
        BigDecimal credited,
        BigDecimal refunded,
        BigDecimal received) {

    /** Revenue net of credit notes (late fees included). */
    public BigDecimal net() {
        return invoiced.add(lateFees).subtract(credited);
    }
}
