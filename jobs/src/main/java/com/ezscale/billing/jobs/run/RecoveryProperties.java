package com.ezscale.billing.jobs.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.jobs.*}: how often a node running jobs beats in the database, and how long without
 * a beat its executions are taken for orphans (marked FAILED, then resumed). A node on the same
 * machine as the dead owner knows at once (by its pid); the window is for owners elsewhere.
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.jobs", ignoreUnknownFields = false)
public record RecoveryProperties(
        @DefaultValue("PT10S") Duration heartbeatEvery,
        @DefaultValue("PT60S") Duration ownerLostAfter,
        @DefaultValue("PT60S") Duration shutdownTimeout) {

    public RecoveryProperties {
        if (ownerLostAfter.compareTo(heartbeatEvery.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ezscale.jobs.owner-lost-after (" + ownerLostAfter
                    + ") must be at least twice " + "ezscale.jobs.heartbeat-every (" + heartbeatEvery + ")");
        }
    }
}
