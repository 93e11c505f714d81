package com.ezscale.billing.jobs.ops;

import com.ezscale.billing.jobs.usage.KafkaIngestService;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kafka} of a node that consumes ElastiFlow's topic: UP while the service
 * runs and every member's thread is alive, with each member's partitions and their lag, and the
 * node's total lag; DOWN otherwise (a member that died restarts from the stored offsets, but a
 * node whose members are all gone ingests nothing).
 */
@Component
@ConditionalOnProperty(
        name = {"ezscale.ingest.kafka.enabled", "ezscale.ingest.kafka.run"},
        havingValue = "true")
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final KafkaIngestService service;

    public KafkaHealthIndicator(KafkaIngestService service) {
        super("Kafka health check failed");
        this.service = service;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<KafkaIngestService.MemberState> members = service.members();
        boolean up = service.isRunning()
                && !members.isEmpty()
                && members.stream().allMatch(KafkaIngestService.MemberState::alive);
        long lag = members.stream()
                .flatMap(m -> m.partitions().values().stream())
                .mapToLong(l -> Math.max(0, l))
                .sum();
        (up ? builder.up() : builder.down())
                .withDetail("members", members)
                .withDetail(
                        "assignedPartitions",
                        members.stream().mapToInt(m -> m.partitions().size()).sum())
                .withDetail("lag", lag);
    }
}
