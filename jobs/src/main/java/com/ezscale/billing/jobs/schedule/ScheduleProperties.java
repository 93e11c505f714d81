package com.ezscale.billing.jobs.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ezscale.schedule.*}: when Quartz fires the nightly run, how often the outbox is carried out
 * between runs, and when the parallel run with WHMCS runs while one is open (before the nightly).
 */
@ConfigurationProperties("ezscale.schedule")
public record ScheduleProperties(
        @DefaultValue("0 0 2 * * ?") String nightlyCron,
        @DefaultValue("UTC") String timeZone,
        @DefaultValue("60") int outboxEverySeconds,
        @DefaultValue("0 30 1 * * ?") String parallelRunCron) {}
