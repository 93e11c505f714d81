package com.ezscale.billing.portal.security;

import java.security.Principal;
import java.util.Set;

/**
 * The caller of the JSON API: a token of a customer (acting for {@code customerId} with its scopes)
 * or of a staff member (acting with the member's role). Its name is what audited actions record.
 */
public record TokenPrincipal(long tokenId, Long customerId, String staffUsername, Set<String> scopes)
        implements Principal {

    @Override
    public String getName() {
        return staffUsername != null ? staffUsername : "customer:" + customerId + ":token:" + tokenId;
    }

    public long customer() {
        if (customerId == null) {
            throw new IllegalStateException("a staff token acts for no customer");
        }
        return customerId;
    }
}
