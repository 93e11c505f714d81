package com.ezscale.billing.staff.db;

import com.ezscale.billing.staff.StaffRole;
import java.time.Instant;

/** A staff account as stored; {@code totpSecret} is set at the first login and counts once {@code totpConfirmedAt} is. */
public record StaffUser(
        long id,
        String username,
        String displayName,
        StaffRole role,
        String passwordHash,
        String totpSecret,
        Instant totpConfirmedAt,
        Long totpLastStep,
        boolean enabled,
        Instant createdAt) {

    public boolean secondFactorReady() {
        return totpSecret != null && totpConfirmedAt != null;
    }
}
