package com.ezscale.billing.jobs.schedule;

import jakarta.validation.constraints.Min;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.schedule.*}: when Quartz fires the nightly run, how often the outbox is carried out
 * between runs, and when the parallel run with WHMCS runs while one is open (before the nightly).
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.schedule", ignoreUnknownFields = false)
public record ScheduleProperties(
        @DefaultValue("0 0 2 * * ?") String nightlyCron,
        @DefaultValue("UTC") String timeZone,
        @Min(1) @DefaultValue("60") int outboxEverySeconds,
        @DefaultValue("0 30 1 * * ?") String parallelRunCron) {

    public ScheduleProperties {
        for (String[] cron : new String[][] {{"nightly-cron", nightlyCron}, {"parallel-run-cron", parallelRunCron}}) {
            if (!CronExpression.isValidExpression(cron[1])) {
                throw new IllegalArgumentException("ezscale.schedule." + cron[0] + " '" + cron[1]
                        + "' is not a Quartz cron expression (seconds first, e.g. '0 0 2 * * ?')");
            }
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "ezscale.schedule.time-zone '" + timeZone + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
    }
}
