package com.ezscale.billing.customer.db;

/**
 * The customers one source of a due page looks at: ids after {@code afterId} and up to {@code upTo}
 * (null: no end), at most {@code limit} of them, only {@code customerId} if not null, and only those
 * WHMCS still bills in the parallel run ({@code shadow} true), only the others (false) or both (null).
 */
public record DueRange(long afterId, Long upTo, int limit, Long customerId, Boolean shadow) {

    /** The same range ending at {@code last}. */
    public DueRange endingAt(Long last) {
        return new DueRange(afterId, last, limit, customerId, shadow);
    }
}
