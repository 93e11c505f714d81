package com.ezscale.billing.ingest.store;

import com.ezscale.billing.app.usage.UsageCompaction;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.DeadLetterRow;
import com.ezscale.billing.usage.db.UnattributedRow;
import com.ezscale.billing.usage.db.UsageDayKey;
import com.ezscale.billing.usage.db.UsageDayRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        long foldedBefore = UsageDay.firstBucket(UsageCompaction.foldBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))
                .toEpochDay());
        List<UsageSample> rows = usage.sampleRows();
        if (rows.stream().anyMatch(row -> row.bucket() < foldedBefore)) {
            List<UsageSample> late = new ArrayList<>();
            for (UsageSample row : rows) {
                if (row.bucket() < foldedBefore) {
                    late.add(row); // its day may be folded already
                } else {
                    mapper.addSample(row);
                }
            }
            addLate(mapper, late);
        } else {
            // the usual batch, nothing old enough to be folded: the plain loop
            for (UsageSample row : rows) {
                mapper.addSample(row);
            }
        }
        for (UnattributedRow row : usage.unattributedRows()) {
            mapper.addUnattributed(row);
        }
        for (DeadLetterRow row : usage.deadLetterRows(source, now)) {
            mapper.insertDeadLetter(row);
        }
    }

    /**
     * Samples for days old enough to be folded: those whose day row exists are added to it (the
     * row locked, decoded, added to, written back); the others are stored as samples, which the
     * next compaction folds. A day folded between the check and the write only means its sample
     * waits for the next pass: readers add both.
     */
    private static void addLate(UsageMapper mapper, List<UsageSample> late) {
        Map<UsageDayKey, List<UsageSample>> byDay = new LinkedHashMap<>();
        for (UsageSample s : late) {
            byDay.computeIfAbsent(
                            new UsageDayKey(s.subscriptionId(), LocalDate.ofEpochDay(UsageDay.epochDay(s.bucket()))),
                            k -> new ArrayList<>())
                    .add(s);
        }
        Set<UsageDayKey> folded = new HashSet<>(mapper.selectExistingDays(new ArrayList<>(byDay.keySet())));
        byDay.forEach((key, samples) -> {
            List<UsageDayRow> stored = folded.contains(key)
                    ? mapper.selectDaysForUpdate(
                            key.subscriptionId(), key.day(), key.day().plusDays(1))
                    : List.of();
            if (stored.isEmpty()) {
                samples.forEach(mapper::addSample);
                return;
            }
            long[] in = new long[UsageDay.BUCKETS];
            long[] out = new long[UsageDay.BUCKETS];
            UsageDay.decodeAdd(stored.get(0).counters(), in, out);
            long first = UsageDay.firstBucket(key.day().toEpochDay());
            for (UsageSample s : samples) {
                in[(int) (s.bucket() - first)] += s.bytesIn();
                out[(int) (s.bucket() - first)] += s.bytesOut();
            }
            mapper.upsertDay(UsageDayRow.of(key.subscriptionId(), key.day(), in, out));
        });
    }

    /** Records a batch's counts as an ingest window (what `runs` shows). */
    public void writeWindow(
            UsageMapper mapper, UsageBatch usage, String source, String label, Instant windowStart, Instant windowEnd) {
        mapper.insertWindow(usage.window(source, label, windowStart, windowEnd, clock.instant()));
    }
}
