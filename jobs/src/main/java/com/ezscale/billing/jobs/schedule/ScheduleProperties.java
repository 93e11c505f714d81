package com.ezscale.billing.jobs.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ezscale.schedule.*}: when Quartz fires the nightly run. */
@ConfigurationProperties("ezscale.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * ?") String nightlyCron, @DefaultValue("UTC") String timeZone) {
}
