package com.ezscale.billing.jobs.schedule;

import com.ezscale.billing.jobs.nightly.NightlyJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.run.db.RunMapper;
import java.time.Clock;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly trigger, kept in Quartz's JDBC store: in a cluster of jobs nodes exactly one fires
 * it; if every node was down at 02:00, the first one up fires it once (misfire: fire now).
 */
@Configuration(proxyBeanMethods = false)
public class NightlyScheduleConfig {

    @Bean
    JobDetail nightlyJobDetail(ScheduleProperties schedule) {
        return JobBuilder.newJob(StartBatchJob.class)
                .withIdentity("nightly", "billing")
                .withDescription("Starts the nightly Batch job with asOf = the fire date")
                .usingJobData(StartBatchJob.JOB_NAME, NightlyJobConfig.NIGHTLY)
                .usingJobData(StartBatchJob.ZONE, schedule.timeZone())
                .storeDurably()
                .requestRecovery()
                .build();
    }

    /**
     * The job the portal's requests fire (see {@link com.ezscale.billing.run.JobRequests}); the jobs
     * this node can run are written to {@code runnable_job}, which the portal offers and checks against.
     */
    @Bean
    JobDetail onDemandJobDetail(JobRunner runner, RunMapper runs, Clock clock) {
        runner.jobNames().forEach(name -> runs.insertRunnableJob(name, clock.instant()));
        return com.ezscale.billing.app.run.OnDemandJob.detail();
    }

    @Bean
    JobDetail outboxJobDetail() {
        return JobBuilder.newJob(ProcessOutboxJob.class)
                .withIdentity("outbox", "billing")
                .withDescription("Carries out the outbox (emails, panel calls, alerts) between nightly runs")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger outboxTrigger(JobDetail outboxJobDetail, ScheduleProperties schedule) {
        return TriggerBuilder.newTrigger()
                .forJob(outboxJobDetail)
                .withIdentity("outbox", "billing")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(schedule.outboxEverySeconds())
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail parallelRunJobDetail(ScheduleProperties schedule) {
        return JobBuilder.newJob(ParallelRunJob.class)
                .withIdentity("parallel-run", "billing")
                .withDescription("The parallel run with WHMCS (import, shadow proposals, comparison) while one is open")
                .usingJobData(StartBatchJob.ZONE, schedule.timeZone())
                .storeDurably()
                .requestRecovery()
                .build();
    }

    @Bean
    Trigger parallelRunTrigger(JobDetail parallelRunJobDetail, ScheduleProperties schedule) {
        return daily(parallelRunJobDetail, "parallel-run", schedule.parallelRunCron(), schedule);
    }

    @Bean
    Trigger nightlyTrigger(JobDetail nightlyJobDetail, ScheduleProperties schedule) {
        return daily(nightlyJobDetail, "nightly", schedule.nightlyCron(), schedule);
    }

    /** A cron trigger in the schedule's zone; a fire missed while every node was down fires once, now. */
    private static Trigger daily(JobDetail job, String name, String cron, ScheduleProperties schedule) {
        return TriggerBuilder.newTrigger()
                .forJob(job)
                .withIdentity(name, "billing")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
