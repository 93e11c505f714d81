package com.ezscale.billing.persistence.replica;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.db.replica.*}: an optional read replica of the primary database
 * ({@code EZSCALE_DB_REPLICA_URL}). Read-only work goes to it while its lag stays within
 * {@code max-lag}; a replica further behind, or down, sends the reads to the primary.
 *
 * @param url the replica's JDBC URL; empty: no replica, every read goes to the primary
 * @param username the replica's user (the primary's by default)
 * @param password its password (the primary's by default)
 * @param maxLag reads go to the primary while the replica is further behind than this
 * @param checkEvery how often the lag is measured (a heartbeat written on the primary, read back on the replica)
 * @param poolSize connections to the replica
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.db.replica", ignoreUnknownFields = false)
public record ReplicaProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @NotNull @DefaultValue("PT30S") Duration maxLag,
        @NotNull @DefaultValue("PT2S") Duration checkEvery,
        @Min(1) @Max(200) @DefaultValue("8") int poolSize) {

    public ReplicaProperties {
        if (maxLag != null && checkEvery != null && maxLag.compareTo(checkEvery) <= 0) {
            throw new IllegalArgumentException("ezscale.db.replica.max-lag (" + maxLag
                    + ") must be longer than ezscale.db.replica.check-every (" + checkEvery + ")");
        }
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
