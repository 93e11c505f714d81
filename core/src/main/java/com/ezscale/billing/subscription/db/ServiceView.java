package com.ezscale.billing.subscription.db;

import com.ezscale.billing.subscription.Subscription;
import java.time.Instant;

/** A service as the admin commands show it: the subscription, its plan's code, its panel and suspension. */
public record ServiceView(
        Subscription subscription,
        String planCode,
        String panel,
        String panelRef,
        String suspendedBy,
        Instant suspendedAt) {}
