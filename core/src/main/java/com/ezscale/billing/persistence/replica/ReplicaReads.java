package com.ezscale.billing.persistence.replica;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only work that may be served by the read replica: reports, staff lists, `runs`, usage
 * statements. The work runs in a read-only transaction (the database refuses a write in it); when a
 * replica is configured and within its lag bound ({@link ReadReplica}) the transaction's connection
 * is the replica's. Work already inside a transaction joins it, on the primary: what must read its
 * own writes (the nightly's finance pack after the day's invoices) does. Only work marked here goes
 * to the replica; every other read-only transaction (Spring Batch's own, for one) stays on the
 * primary.
 */
public class ReplicaReads {

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

    private final TransactionTemplate readOnly;

    public ReplicaReads(PlatformTransactionManager transactionManager) {
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** Runs {@code work} as read-only work (on the replica when it may). */
    public <T> T read(Supplier<T> work) {
        Boolean before = MARKED.get();
        MARKED.set(Boolean.TRUE);
        try {
            return readOnly.execute(status -> work.get());
        } finally {
            if (before == null) {
                MARKED.remove();
            } else {
                MARKED.set(before);
            }
        }
    }

    /** The same, for work that returns nothing. */
    public void run(Runnable work) {
        read(() -> {
            work.run();
            return null;
        });
    }

    static boolean marked() {
        return Boolean.TRUE.equals(MARKED.get());
    }
}
