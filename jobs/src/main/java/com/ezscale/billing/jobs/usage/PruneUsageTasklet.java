package com.ezscale.billing.jobs.usage;

import com.ezscale.billing.ingest.flow.UsageBuckets;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Deletes samples, closed days and unattributed traffic older than the retention window, 10,000 rows a transaction. */
public class PruneUsageTasklet implements Tasklet {

    private static final int ROWS = 10_000;

    private final UsageMapper usage;
    private final LocalDate cutoff;

    /** {@code usage} is the plain (non-batching) mapper: the deletes' row counts are needed. */
    public PruneUsageTasklet(UsageMapper usage, LocalDate asOf, int retentionMonths) {
        this.usage = usage;
        this.cutoff = asOf.minusMonths(retentionMonths);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long beforeBucket = cutoff.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / UsageBuckets.SECONDS;
        // samples are folded into days nightly, so one this old is rare: asked first by the primary key, because the
        // delete (no index starts with bucket) reads every sample to find none
        Long oldest = usage.selectOldestSampleBucket();
        int samples = oldest != null && oldest < beforeBucket ? usage.deleteSamplesBefore(beforeBucket, ROWS) : 0;
        int deleted = samples + usage.deleteDaysBefore(cutoff, ROWS) + usage.deleteUnattributedBefore(cutoff, ROWS);
        contribution.incrementWriteCount(deleted);
        return deleted > 0 ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }
}
