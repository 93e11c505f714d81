package com.ezscale.billing.invoice;

import com.ezscale.billing.period.BillingCycle;
import java.util.EnumMap;
import java.util.Map;

/**
 * How far ahead recurring charges are invoiced: {@code invoiceDaysBefore} days before the period
 * starts (default 14, WHMCS's CreateInvoiceDaysBefore), overridable per cycle.
 */
public record InvoiceGeneratorSettings(int invoiceDaysBefore, Map<BillingCycle, Integer> daysBeforeByCycle) {

    public static final int DEFAULT_DAYS_BEFORE = 14;

    public InvoiceGeneratorSettings {
        if (invoiceDaysBefore < 0) {
            throw new IllegalArgumentException("invoiceDaysBefore must be >= 0");
        }
        daysBeforeByCycle = daysBeforeByCycle == null || daysBeforeByCycle.isEmpty()
                ? Map.of()
                : Map.copyOf(new EnumMap<>(daysBeforeByCycle));
    }

    public static InvoiceGeneratorSettings defaults() {
        return new InvoiceGeneratorSettings(DEFAULT_DAYS_BEFORE, Map.of());
    }

    public int daysBefore(BillingCycle cycle) {
        return daysBeforeByCycle.getOrDefault(cycle, invoiceDaysBefore);
    }
}
