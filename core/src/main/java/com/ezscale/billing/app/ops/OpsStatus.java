package com.ezscale.billing.app.ops;

import com.ezscale.billing.outbox.db.OutboxCount;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.run.db.RunMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What an operator watches, read for every node's health and metrics: the outbox's undone rows and
 * whether the nightly run completed on time ({@code ezscale.ops.nightly-complete-by}, in the
 * schedule's time zone). Read at most every {@code ezscale.ops.cache-seconds}, so health checks
 * and scrapes cost the database one small query each per period.
 */
@Service
public class OpsStatus {

    /** One reading. */
    public record Snapshot(List<OutboxCount> outbox, NightlyCheck nightly, Instant readAt) {

        public long outbox(String channel, String status) {
            return outbox.stream()
                    .filter(c -> c.channel().equals(channel) && c.status().equals(status))
                    .mapToLong(OutboxCount::rowCount)
                    .sum();
        }

        public long outbox(String status) {
            return outbox.stream()
                    .filter(c -> c.status().equals(status))
                    .mapToLong(OutboxCount::rowCount)
                    .sum();
        }
    }

    private final OutboxMapper outbox;
    private final RunMapper runs;
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime completeBy;
    private final Duration cacheFor;
    private volatile Snapshot last;

    public OpsStatus(
            OutboxMapper outbox,
            RunMapper runs,
            Clock clock,
            @Value("${ezscale.schedule.time-zone:UTC}") String zone,
            @Value("${ezscale.ops.nightly-complete-by:06:00}") String completeBy,
            @Value("${ezscale.ops.cache-seconds:10}") long cacheSeconds) {
        this.outbox = outbox;
        this.runs = runs;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.completeBy = LocalTime.parse(completeBy);
        this.cacheFor = Duration.ofSeconds(cacheSeconds);
    }

    /** The latest reading, read again once older than the cache period. */
    public Snapshot snapshot() {
        Snapshot s = last;
        Instant now = clock.instant();
        if (s == null || !s.readAt().plus(cacheFor).isAfter(now)) {
            s = new Snapshot(
                    outbox.selectUndoneCounts(),
                    NightlyCheck.evaluate(
                            LocalDateTime.ofInstant(now, zone), completeBy, runs.selectRuns("nightly", null, null, 5)),
                    now);
            last = s;
        }
        return s;
    }
}
