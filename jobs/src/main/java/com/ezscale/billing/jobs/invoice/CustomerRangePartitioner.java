package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.jobs.batch.IdRangePartitioner;

/**
 * Splits the customers into ranges of ids for the partitioned generate step ({@link
 * IdRangePartitioner}): a range's lower bound goes in {@link DueCustomerReader#LAST_CUSTOMER}, the
 * ranges are {@code customers0}, {@code customers1}, ...
 */
public class CustomerRangePartitioner extends IdRangePartitioner {

    /** The context key of a range's last customer id (absent: no end). */
    public static final String LAST_ID = IdRangePartitioner.LAST_ID;

    /** {@code maxId}: the largest customer id now; {@code onlyCustomerId}: a run for one customer (one range). */
    public CustomerRangePartitioner(long maxId, Long onlyCustomerId) {
        super(DueCustomerReader.LAST_CUSTOMER, "customers", maxId, onlyCustomerId);
    }
}
