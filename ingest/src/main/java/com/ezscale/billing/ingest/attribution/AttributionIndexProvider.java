package com.ezscale.billing.ingest.attribution;

import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Holds the attribution index and rebuilds it when the IP assignments change (checked by a cheap
 * fingerprint query at most every {@code attributionRefreshSeconds}, or on demand).
 */
@Component
public class AttributionIndexProvider {

    private final SqlSessionTemplate batch;
    private final Clock clock;
    private final Duration refresh;
    private IpAttributionIndex index;
    private String fingerprint;
    private Instant checkedAt = Instant.MIN;

    /** Reads through the batching session, like every ingest write, so it may run inside their transactions. */
    public AttributionIndexProvider(
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
            Clock clock,
            IngestProperties properties) {
        this.batch = batch;
        this.clock = clock;
        this.refresh = Duration.ofSeconds(properties.attributionRefreshSeconds());
    }

    /** The index, rebuilt first if the assignments changed since the last check. */
    public synchronized IpAttributionIndex current() {
        Instant now = clock.instant();
        if (index == null || !now.isBefore(checkedAt.plus(refresh))) {
            refresh(now);
        }
        return index;
    }

    /** Checks the fingerprint now, whatever the interval. */
    public synchronized IpAttributionIndex refreshNow() {
        refresh(clock.instant());
        return index;
    }

    private void refresh(Instant now) {
        SubscriptionMapper subscriptions = batch.getMapper(SubscriptionMapper.class);
        String latest = subscriptions.selectIpAssignmentsFingerprint();
        if (index == null || !latest.equals(fingerprint)) {
            List<IpAssignment> assignments = subscriptions.selectIpAssignments().stream()
                    .map(r -> new IpAssignment(
                            0, r.subscriptionId(), IpPrefix.parse(r.cidr()), r.validFrom(), r.validUntil()))
                    .toList();
            index = new IpAttributionIndex(assignments);
            fingerprint = latest;
        }
        checkedAt = now;
    }
}
