package com.ezscale.billing.jobs.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Splits a table's rows into ranges of ids for a partitioned step: range {@code i} covers the ids
 * after its lower bound (put in the keyset reader's own restart key, so a partition starts there and
 * a restart resumes where it stopped) up to {@link #LAST_ID}; the last range has no end, so a row
 * added during the run is still read. Equal ranges of ids: the book's ids are dense, which is what
 * keeps the partitions' work even. The same splitter would hand ranges to other nodes (remote
 * partitioning).
 */
public class IdRangePartitioner implements Partitioner {

    /** The context key of a range's last id (absent: no end). */
    public static final String LAST_ID = "lastIdOfRange";

    private final String startKey;
    private final String prefix;
    private final long maxId;
    private final Long onlyId;

    /**
     * {@code startKey}: the reader's restart key; {@code prefix}: the ranges' names ({@code prefix0},
     * ...); {@code maxId}: the largest id now; {@code onlyId}: a run for one row (one range).
     */
    public IdRangePartitioner(String startKey, String prefix, long maxId, Long onlyId) {
        this.startKey = startKey;
        this.prefix = prefix;
        this.maxId = maxId;
        this.onlyId = onlyId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
        int count = onlyId != null ? 1 : (int) Math.max(1, Math.min(gridSize, maxId));
        long width = Math.max(1, (maxId + count - 1) / count);
        for (int i = 0; i < count; i++) {
            ExecutionContext range = new ExecutionContext();
            range.putLong(startKey, i * width);
            if (i < count - 1) {
                range.putLong(LAST_ID, (i + 1) * width);
            }
            ranges.put(prefix + i, range);
        }
        return ranges;
    }

    /**
     * {@code chunks} itself with one partition; above one, a step {@code name} that runs {@code chunks}
     * (named {@code workerName:prefixN}) over each range in a thread of its own: each range's chunks are
     * transactions of their own, so the database's round trips and the work in Java overlap. A restart
     * reruns the ranges that did not complete, each after its last committed row.
     */
    public static Step partitioned(
            JobRepository jobRepository,
            String name,
            String workerName,
            Partitioner ranges,
            int partitions,
            Step chunks) {
        if (partitions <= 1) {
            return chunks;
        }
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
        threads.setConcurrencyLimit(partitions);
        // the job's scope (its business date) carried into each range's thread, as the step's own thread has it
        threads.setTaskDecorator(task -> {
            JobExecution job = JobSynchronizationManager.getContext().getJobExecution();
            return () -> {
                JobSynchronizationManager.register(job);
                try {
                    task.run();
                } finally {
                    JobSynchronizationManager.release();
                }
            };
        });
        return new StepBuilder(name, jobRepository)
                .partitioner(workerName, ranges)
                .step(chunks)
                .gridSize(partitions)
                .taskExecutor(threads)
                .build();
    }
}
