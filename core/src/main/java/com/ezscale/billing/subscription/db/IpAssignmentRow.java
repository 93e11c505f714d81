package com.ezscale.billing.subscription.db;

import com.ezscale.billing.subscription.IpAssignment;
import java.time.Instant;

/** The ip_assignment table's columns: the prefix as text and as network bytes for range look-ups. */
public record IpAssignmentRow(
        long subscriptionId,
        String cidr,
        int ipFamily,
        byte[] network,
        int prefixLength,
        Instant validFrom,
        Instant validUntil) {

    public static IpAssignmentRow of(IpAssignment a) {
        return new IpAssignmentRow(
                a.subscriptionId(),
                a.prefix().toString(),
                a.prefix().family(),
                a.prefix().network(),
                a.prefix().prefixLength(),
                a.validFrom(),
                a.validUntil());
    }
}
