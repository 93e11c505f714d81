package com.ezscale.billing.account.db;

import java.time.Instant;

/** A customer login's second factor: a TOTP secret being set up ({@code confirmedAt} null) or in use. */
public record CustomerSecondFactor(long userId, String totpSecret, Instant confirmedAt, Long lastStep) {

    public boolean ready() {
        return totpSecret != null && confirmedAt != null;
    }
}
