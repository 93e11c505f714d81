package com.ezscale.billing.catalog;

import com.ezscale.billing.period.BillingCycle;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** The price of a plan in one currency for one cycle: the recurring price and the setup fee. */
public record PlanPrice(
        long planId, Currency currency, BillingCycle cycle, BigDecimal recurringPrice, BigDecimal setupFee) {

    public PlanPrice {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(recurringPrice, "recurringPrice");
        Objects.requireNonNull(setupFee, "setupFee");
        if (recurringPrice.signum() < 0 || setupFee.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative (plan " + planId + ")");
        }
    }
}
