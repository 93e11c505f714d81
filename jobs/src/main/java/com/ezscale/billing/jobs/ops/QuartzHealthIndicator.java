package com.ezscale.billing.jobs.ops;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code quartz} of a {@code serve} node: UP while its scheduler is started and not
 * in standby, with whether it is clustered, its instance id (the one the cluster's check-ins name)
 * and how many jobs it has run; DOWN once it stopped or stands by (shutting down). Only on nodes
 * whose scheduler starts.
 */
@Component
@ConditionalOnProperty(name = "spring.quartz.auto-startup", havingValue = "true")
public class QuartzHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;

    public QuartzHealthIndicator(Scheduler scheduler) {
        super("Quartz health check failed");
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws SchedulerException {
        SchedulerMetaData meta = scheduler.getMetaData();
        boolean running = meta.isStarted() && !meta.isInStandbyMode() && !meta.isShutdown();
        (running ? builder.up() : builder.down())
                .withDetail("started", meta.isStarted())
                .withDetail("standby", meta.isInStandbyMode())
                .withDetail("clustered", meta.isJobStoreClustered())
                .withDetail("instanceId", meta.getSchedulerInstanceId())
                .withDetail("jobsExecuted", meta.getNumberOfJobsExecuted());
    }
}
