package com.ezscale.billing.jobs.schedule;

import com.ezscale.billing.app.migration.ParallelRun;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.jobs.cli.Main;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import java.time.LocalDate;
import java.time.ZoneId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The parallel run's night, while one is open (started by the {@code parallel-run} command, ended by
 * {@code cutover}): asOf is the scheduled fire date in the schedule's zone; the WHMCS source is the
 * one the run was started with, its credentials from the environment. Without an open run it does
 * nothing. The night is idempotent, so a recovered or repeated fire gives the same result.
 */
@DisallowConcurrentExecution
public class ParallelRunJob extends QuartzJobBean {

    static final String ACTOR = "schedule";

    private static final Logger log = LoggerFactory.getLogger(ParallelRunJob.class);

    @Autowired
    private ParallelRun parallelRun;

    @Autowired
    private CollectionProperties collection;

    @Autowired
    private OutboxWriter outbox;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        if (parallelRun.open() == null) {
            return;
        }
        ZoneId zone = ZoneId.of(context.getMergedJobDataMap().getString(StartBatchJob.ZONE));
        LocalDate asOf = LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), zone);
        try {
            ParallelRun.Report report = parallelRun.night(null, asOf, null, ACTOR, collection.schedule());
            log.info("parallel run as of {}:\n{}", asOf, report.text());
        } catch (RuntimeException e) {
            log.error("parallel run as of {} failed; rerun it with `parallel-run --as-of {}`", asOf, asOf, e);
            // finance and the admins must know a night of the comparison is missing (once per night)
            outbox.alert(
                    "ALERT:PARALLEL_RUN_FAILED:" + asOf,
                    "the parallel run with WHMCS as of " + asOf + " failed",
                    "The parallel run's night as of " + asOf + " did not complete: " + Main.oneLine(e)
                            + "\nThe import and the comparison each commit whole or not at all. Rerun it with: parallel-run --as-of "
                            + asOf);
        }
    }
}
