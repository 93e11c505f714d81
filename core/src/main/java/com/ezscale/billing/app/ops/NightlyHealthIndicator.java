package com.ezscale.billing.app.ops;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code nightly}: DOWN when the nightly run that should have completed by now
 * ({@code ezscale.ops.nightly-complete-by}) has not, with the latest execution's asOf and status.
 * Not part of the readiness probe (a late night is not a reason to take a node out of service).
 */
@Component
public class NightlyHealthIndicator extends AbstractHealthIndicator {

    private final OpsStatus status;

    public NightlyHealthIndicator(OpsStatus status) {
        super("nightly health check failed");
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        NightlyCheck n = status.snapshot().nightly();
        (n.healthy() ? builder.up() : builder.down())
                .withDetail("expectedAsOf", n.expected().toString())
                .withDetail("detail", n.detail());
        n.latest()
                .ifPresent(r -> builder.withDetail("latestAsOf", String.valueOf(r.asOf()))
                        .withDetail("latestStatus", r.status())
                        .withDetail("latestExecution", r.executionId()));
    }
}
