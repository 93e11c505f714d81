package com.ezscale.billing.invoice;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;

/** A line the generator proposes: quantity × unit price, rounded once into {@code amount}. */
public record ProposedLine(
        long subscriptionId,
        ChargeKind kind,
        BillingPeriod period,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        Money amount,
        int revision,
        Long ratedUsageId) {

    /** A recurring or one-time line (revision 0, no rating). */
    public ProposedLine(long subscriptionId, ChargeKind kind, BillingPeriod period, String description, BigDecimal quantity,
                        BigDecimal unitPrice, Money amount) {
        this(subscriptionId, kind, period, description, quantity, unitPrice, amount, 0, null);
    }

    public LineKey key() {
        return new LineKey(subscriptionId, kind, period.start());
    }
}
