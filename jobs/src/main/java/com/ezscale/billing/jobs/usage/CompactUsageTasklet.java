package com.ezscale.billing.jobs.usage;

import com.ezscale.billing.app.usage.UsageCompaction;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the samples of days closed a full day into day rows, {@value #SERVICES} services a
 * transaction, in service order ({@link UsageCompaction}). Each page commits on its own and
 * folding is idempotent (a folded sample is gone), so a crash or a rerun only finds less to do.
 * A page that loses a lock race with ingest (a late sample for a day being folded) is retried.
 */
public class CompactUsageTasklet implements Tasklet {

    static final int SERVICES = 20;
    private static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(CompactUsageTasklet.class);

    private final UsageMapper usage;
    private final UsageCompaction compaction;
    private final TransactionTemplate transaction;
    private final LocalDate beforeDay;
    private long afterId;

    public CompactUsageTasklet(
            UsageMapper usage, UsageCompaction compaction, PlatformTransactionManager transactions, LocalDate asOf) {
        this.usage = usage;
        this.compaction = compaction;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.beforeDay = UsageCompaction.foldBefore(asOf);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<Long> page = usage.selectServicesToFold(afterId, UsageDay.firstBucket(beforeDay.toEpochDay()), SERVICES);
        if (page.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                UsageCompaction.Folded folded = transaction.execute(status -> compaction.fold(page, beforeDay));
                contribution.incrementWriteCount(folded.days());
                break;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn(
                        "folding usage of services {}..{} lost a lock race ({}); attempt {} of {}",
                        page.get(0),
                        page.get(page.size() - 1),
                        e.getMostSpecificCause().getMessage(),
                        attempt + 1,
                        ATTEMPTS);
            }
        }
        afterId = page.get(page.size() - 1);
        return RepeatStatus.CONTINUABLE;
    }
}
