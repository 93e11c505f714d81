package com.ezscale.billing.usage;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** Turns a service's usage terms and its plan's usage prices into priced terms in the customer's currency. */
public final class UsagePricing {

    private UsagePricing() {}

    /** @throws BillingRuleViolation when a price the terms need is missing in the customer's currency */
    public static UsageTerms terms(RatableService service, List<UsagePrice> planPrices) {
        List<UsagePrice> mine = planPrices.stream()
                .filter(p -> p.planId() == service.planId() && p.currency().equals(service.currency()))
                .sorted(Comparator.comparingInt(UsagePrice::tierNo))
                .toList();
        BigDecimal pricePerMbps = null;
        if (service.commitMbps() != null) {
            pricePerMbps = mine.stream()
                    .filter(p -> p.kind().equals("MBPS"))
                    .map(UsagePrice::unitPrice)
                    .findFirst()
                    .orElseThrow(() -> missing(service, "MBPS"));
        }
        TransferQuota quota = null;
        if (service.quotaIncluded() != null) {
            List<TransferQuota.Tier> tiers = mine.stream()
                    .filter(p -> p.kind().equals("TRANSFER"))
                    .map(p -> new TransferQuota.Tier(p.upTo(), p.unitPrice()))
                    .toList();
            if (tiers.isEmpty()) {
                throw missing(service, "TRANSFER");
            }
            quota = new TransferQuota(service.quotaIncluded(), service.quotaUnit(), service.quotaCounted(), tiers);
        }
        return new UsageTerms(
                service.commitMbps(),
                pricePerMbps,
                service.directionMode(),
                quota,
                service.usagePeriod(),
                service.graceHours());
    }

    private static BillingRuleViolation missing(RatableService service, String kind) {
        return new BillingRuleViolation(
                "service " + service.subscriptionId() + ": plan " + service.planId() + " has usage terms but no " + kind
                        + " price in " + service.currency().getCurrencyCode());
    }
}
