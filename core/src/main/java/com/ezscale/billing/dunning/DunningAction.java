package com.ezscale.billing.dunning;

import com.ezscale.billing.money.Money;

/**
 * One step of an invoice's ladder. {@code key} is what makes it happen at most once (e.g.
 * "ATTEMPT:2", "NOTICE:7", "LATE_FEE", "SUSPEND"); {@code amount} is set on a late fee.
 */
public record DunningAction(DunningActionKind kind, String key, Money amount) {

    public static DunningAction of(DunningActionKind kind, String key) {
        return new DunningAction(kind, key, null);
    }
}
