package com.ezscale.billing.ingest.store;

import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.DeadLetterRow;
import com.ezscale.billing.usage.db.UnattributedRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes usage in one transaction with batched statements: the samples (added), the
 * unattributed traffic (added), the dead letters (once per position), the window's counts, and
 * whatever source bookkeeping the caller adds (Kafka offsets, the file's checksum) in the same
 * transaction, so a crash leaves either all of it or none.
 */
@Component
public class UsageStore {

    private final SqlSessionTemplate batch;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public UsageStore(
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
            TransactionTemplate transactions,
            Clock clock) {
        this.batch = batch;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Runs {@code work} in a transaction with the batching mapper; statements are flushed before the commit. */
    public <T> T inTransaction(Function<UsageMapper, T> work) {
        return transactions.execute(status -> {
            T result = work.apply(batch.getMapper(UsageMapper.class));
            batch.flushStatements();
            return result;
        });
    }

    /** Adds a batch's rows and its window; call inside {@link #inTransaction}. */
    public void write(
            UsageMapper mapper, UsageBatch usage, String source, String label, Instant windowStart, Instant windowEnd) {
        writeRows(mapper, usage, source);
        writeWindow(mapper, usage, source, label, windowStart, windowEnd);
    }

    /** Adds the samples and unattributed traffic of a batch and stores its dead letters (each position once). */
    public void writeRows(UsageMapper mapper, UsageBatch usage, String source) {
        Instant now = clock.instant();
        for (UsageSample row : usage.sampleRows()) {
            mapper.addSample(row);
        }
        for (UnattributedRow row : usage.unattributedRows()) {
            mapper.addUnattributed(row);
        }
        for (DeadLetterRow row : usage.deadLetterRows(source, now)) {
            mapper.insertDeadLetter(row);
        }
    }

    /** Records a batch's counts as an ingest window (what `runs` shows). */
    public void writeWindow(
            UsageMapper mapper, UsageBatch usage, String source, String label, Instant windowStart, Instant windowEnd) {
        mapper.insertWindow(usage.window(source, label, windowStart, windowEnd, clock.instant()));
    }
}
