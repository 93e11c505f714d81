package com.ezscale.billing.invoice;

import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A rated usage charge not yet on an invoice: the latest rating revision of a service's usage
 * period for one kind (commit or transfer), its raw amount, what earlier revisions already billed
 * for that period and kind, and the evidence to print.
 */
public record UsageCharge(
        long ratedUsageId,
        long subscriptionId,
        ChargeKind kind,
        BillingPeriod period,
        int revision,
        Currency currency,
        BigDecimal rawAmount,
        BigDecimal alreadyBilled,
        String evidence) {

    public UsageCharge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rawAmount, "rawAmount");
        Objects.requireNonNull(alreadyBilled, "alreadyBilled");
        if (kind != ChargeKind.USAGE_COMMIT && kind != ChargeKind.USAGE_TRANSFER) {
            throw new IllegalArgumentException("not a usage charge kind: " + kind);
        }
    }
}
