package com.ezscale.billing.jobs.schedule;

import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import com.ezscale.billing.jobs.run.ExecutionRecovery;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Carries out the outbox between nightly runs (a payment arriving by webhook unsuspends within the
 * minute, a retry falls due). Rows are locked with SKIP LOCKED, so every node may run it; no Batch
 * job instance is created for these frequent passes. Each pass first recovers job executions whose
 * process is gone ({@link com.ezscale.billing.jobs.run.ExecutionRecovery}).
 */
@DisallowConcurrentExecution
public class ProcessOutboxJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessOutboxJob.class);

    @Autowired
    private OutboxProcessor outbox;

    @Autowired
    private ExecutionRecovery recovery;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        // executions left running by a process that died are marked FAILED and the admins told, within the minute
        recovery.recoverOrphans();
        OutboxProcessor.Result result = outbox.processDue();
        if (result.done() + result.retried() + result.exhausted() > 0) {
            log.info("outbox: {}", result);
        }
    }
}
