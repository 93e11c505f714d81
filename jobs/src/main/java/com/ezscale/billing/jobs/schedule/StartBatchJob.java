package com.ezscale.billing.jobs.schedule;

import com.ezscale.billing.jobs.run.JobRunner;
import java.time.LocalDate;
import java.time.ZoneId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz only triggers: it turns the fire into {@code asOf} (the scheduled fire date in the
 * schedule's zone, so a late or recovered fire still bills the right day) and starts the named
 * Batch job. A day that already completed is not run again.
 */
@DisallowConcurrentExecution
public class StartBatchJob extends QuartzJobBean {

    public static final String JOB_NAME = "batchJob";
    public static final String ZONE = "zone";

    private static final Logger log = LoggerFactory.getLogger(StartBatchJob.class);

    @Autowired
    private JobRunner runner;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        String job = context.getMergedJobDataMap().getString(JOB_NAME);
        ZoneId zone = ZoneId.of(context.getMergedJobDataMap().getString(ZONE));
        LocalDate asOf = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), zone);
        if (context.isRecovering()) {
            // the Quartz cluster's check-in found the member that was running this fire dead; its trigger fires here
            log.warn(
                    "{} for {}: recovering the fire of {} from a failed cluster member (Quartz check-in); "
                            + "its execution resumes here where its last chunk committed",
                    job,
                    asOf,
                    context.getRecoveringTriggerKey());
        }
        runner.runForDay(job, asOf).ifPresent(execution -> {
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                log.info("{} for {} completed (execution {})", job, asOf, execution.getId());
            } else {
                log.error(
                        "{} for {} ended {} (execution {}); restart it with `restart {}`",
                        job,
                        asOf,
                        execution.getStatus(),
                        execution.getId(),
                        execution.getId());
            }
        });
    }
}
