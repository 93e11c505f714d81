package com.ezscale.billing.app.ops;

import com.ezscale.billing.outbox.db.OutboxCount;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code outbox}: UP, with what waits (pending) and what gave up (exhausted) per
 * channel. Exhausted rows want an operator (the alert rule fires on them) but do not make a node
 * unhealthy: it goes on carrying out the rest.
 */
@Component
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OpsStatus status;

    public OutboxHealthIndicator(OpsStatus status) {
        super("outbox health check failed");
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OpsStatus.Snapshot s = status.snapshot();
        builder.up().withDetail("pending", s.outbox("PENDING")).withDetail("exhausted", s.outbox("EXHAUSTED"));
        for (OutboxCount c : s.outbox()) {
            builder.withDetail(c.status().toLowerCase() + "." + c.channel(), c.rowCount());
        }
    }
}
