package com.ezscale.billing.subscription;

import java.time.Instant;
import java.util.Objects;

/** An address or prefix assigned to a service over {@code [validFrom, validUntil)} (open-ended when null). */
public record IpAssignment(long id, long subscriptionId, IpPrefix prefix, Instant validFrom, Instant validUntil) {

    public IpAssignment {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(validFrom, "validFrom");
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("assignment of " + prefix + " ends before it starts");
        }
    }

    public boolean validAt(Instant instant) {
        return !instant.isBefore(validFrom) && (validUntil == null || instant.isBefore(validUntil));
    }
}
