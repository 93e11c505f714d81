package com.ezscale.billing.app;

import com.ezscale.billing.invoice.ApprovalPolicy;
import com.ezscale.billing.invoice.InvoiceGeneratorSettings;
import com.ezscale.billing.money.AmountCeiling;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code ezscale.billing.*}: see conf/application.yml. */
@Validated
@ConfigurationProperties(prefix = "ezscale.billing", ignoreUnknownFields = false)
public record BillingProperties(
        @Min(0) @Max(366) @DefaultValue("14") int invoiceDaysBefore,
        Map<BillingCycle, Integer> daysBeforeByCycle,
        @DefaultValue("EZSCALE") String sellerCode,
        @Min(1) @Max(100_000) @DefaultValue("500") int chunkSize,
        @Min(1) @Max(16) @DefaultValue("1") int partitions,
        Map<String, BigDecimal> approvalTotalAbove,
        @DecimalMin("1") @DefaultValue("3") BigDecimal approvalUsageMultiplier,
        @Min(1) @DefaultValue("7") int upgradeExpiryDays,
        Map<String, BigDecimal> referralReward,
        @Min(0) @DefaultValue("400") int futureHorizonDays,
        Map<String, BigDecimal> amountCeiling) {

    /** The largest amount one typed entry (a payment, a credit) may carry, per currency. */
    public AmountCeiling ceiling() {
        return new AmountCeiling(amountCeiling);
    }

    /** The approval policy: totals above the threshold of their currency, usage above N x the previous period. */
    public ApprovalPolicy approvalPolicy() {
        Map<Currency, BigDecimal> thresholds = new HashMap<>();
        if (approvalTotalAbove != null) {
            approvalTotalAbove.forEach((code, amount) -> thresholds.put(Money.currency(code), amount));
        }
        return new ApprovalPolicy(thresholds, approvalUsageMultiplier);
    }

    public Map<String, BigDecimal> referralRewards() {
        return referralReward == null ? Map.of() : referralReward;
    }

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
