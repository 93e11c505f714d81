package com.ezscale.billing.account.db;

import com.ezscale.billing.account.CustomerRole;
import java.time.Instant;

/** A login of a customer; {@code passwordHash} is null until its holder sets one through the e-mailed link. */
public record CustomerUser(
        long id,
        long customerId,
        String email,
        String name,
        CustomerRole role,
        String passwordHash,
        boolean enabled,
        Instant createdAt) {}
