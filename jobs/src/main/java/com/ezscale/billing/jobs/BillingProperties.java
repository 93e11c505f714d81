package com.ezscale.billing.jobs;

import com.ezscale.billing.invoice.InvoiceGeneratorSettings;
import com.ezscale.billing.period.BillingCycle;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ezscale.billing.*}: see conf/application.yml. */
@ConfigurationProperties("ezscale.billing")
public record BillingProperties(
        @DefaultValue("14") int invoiceDaysBefore,
        Map<BillingCycle, Integer> daysBeforeByCycle,
        @DefaultValue("EZSCALE") String sellerCode,
        @DefaultValue("500") int chunkSize) {

    public InvoiceGeneratorSettings generatorSettings() {
        return new InvoiceGeneratorSettings(invoiceDaysBefore, daysBeforeByCycle);
    }

    /** The furthest ahead any cycle is invoiced: the reader's look-ahead. */
    public int maxDaysBefore() {
        int max = invoiceDaysBefore;
        if (daysBeforeByCycle != null) {
            for (int days : daysBeforeByCycle.values()) {
                max = Math.max(max, days);
            }
        }
        return max;
    }
}
