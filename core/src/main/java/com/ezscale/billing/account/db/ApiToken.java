package com.ezscale.billing.account.db;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A token of the JSON API: a customer's (with scopes) or a staff member's; never its secret, only its hash. */
public record ApiToken(
        long id,
        Long customerId,
        String staffUsername,
        String name,
        String tokenHash,
        String scopes,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public Set<String> scopeSet() {
        return Arrays.stream(scopes.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean liveAt(Instant at) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(at));
    }
}
