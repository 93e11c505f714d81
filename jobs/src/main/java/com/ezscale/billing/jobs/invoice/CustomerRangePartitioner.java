package com.ezscale.billing.jobs.invoice;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the customers into ranges of ids for the partitioned generate step: range {@code i} covers
 * the ids after its lower bound (put in the reader's own restart key, {@link DueCustomerReader#LAST_CUSTOMER},
 * so a partition starts there and a restart resumes where it stopped) up to {@link #LAST_ID}; the last
 * range has no end, so a customer added during the run is still read. Equal ranges of ids: the book's
 * ids are dense, which is what keeps the partitions' work even. The same splitter would hand ranges to
 * other nodes (remote partitioning).
 */
public class CustomerRangePartitioner implements Partitioner {

    /** The context key of a range's last customer id (absent: no end). */
    public static final String LAST_ID = "lastIdOfRange";

    private final long maxId;
    private final Long onlyCustomerId;

    /** {@code maxId}: the largest customer id now; {@code onlyCustomerId}: a run for one customer (one range). */
    public CustomerRangePartitioner(long maxId, Long onlyCustomerId) {
        this.maxId = maxId;
        this.onlyCustomerId = onlyCustomerId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
        int count = onlyCustomerId != null ? 1 : (int) Math.max(1, Math.min(gridSize, maxId));
        long width = Math.max(1, (maxId + count - 1) / count);
        for (int i = 0; i < count; i++) {
            ExecutionContext range = new ExecutionContext();
            range.putLong(DueCustomerReader.LAST_CUSTOMER, i * width);
            if (i < count - 1) {
                range.putLong(LAST_ID, (i + 1) * width);
            }
            ranges.put("customers" + i, range);
        }
        return ranges;
    }
}
